import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";

/** What one walk over a composed document learns about its aliases and keys. */
export interface AliasGraph {
  /** The node each alias stands for: the last node before it with that anchor, or null. */
  readonly targets: ReadonlyMap<Alias, Node | null>;
  /** Nodes written in the document. */
  readonly ownNodes: number;
  /** Nodes a full expansion of every alias would visit (Infinity past 2^53, never NaN). */
  readonly expandedNodes: number;
  /** The first alias that cannot be read: one with no anchor, or one inside its own anchor. */
  readonly broken: AliasIssue | null;
  /** The first key a mapping sets twice (readers then take the last setting). */
  readonly duplicate: AliasIssue | null;
}

export interface AliasIssue {
  readonly kind: "unresolved" | "cycle" | "duplicate-key";
  readonly message: string;
  /** Offset in the document's text. */
  readonly offset: number;
}

/**
 * Resolves every alias of a document once, in document order, and measures what expanding them
 * would cost, without recursion and without expanding anything: the size of a node is computed
 * once and an alias costs the size of its target. An alias inside the node its anchor names (a
 * cycle) and an alias to no anchor are reported, as kubectl's decoder rejects both.
 * `yaml`'s own `Alias.resolve` walks the whole document on every call; this walk replaces it.
 */
export function buildAliasGraph(doc: Document.Parsed): AliasGraph {
  const targets = new Map<Alias, Node | null>();
  const anchors = new Map<string, Node>();
  /** Expanded size of each anchored node, known once the walk has left it. */
  const anchoredSize = new Map<Node, number>();
  /** Anchored nodes the walk is inside of: an alias to one of them is a cycle. */
  const open = new Set<Node>();
  let broken: AliasIssue | null = null;
  let duplicate: AliasIssue | null = null;
  let ownNodes = 0;
  const onDuplicate = (offset: number, key: string) => {
    duplicate ??= { kind: "duplicate-key", message: `key \`${key}\` is set twice`, offset };
  };

  type Frame = {
    readonly node: Node;
    readonly parent: Frame | null;
    size: number;
    entered: boolean;
    anchored: boolean;
  };
  const root = doc.contents as Node | null;
  if (!root) return { targets, ownNodes: 0, expandedNodes: 0, broken, duplicate };
  const stack: Frame[] = [{ node: root, parent: null, size: 1, entered: false, anchored: false }];
  let expandedNodes = 0;
  /** Adds a finished node's expanded size to its parent's, or makes it the total. */
  const finish = (frame: Frame, size: number) => {
    if (frame.parent) frame.parent.size += size;
    else expandedNodes = size;
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { node } = frame;
    if (frame.entered) {
      stack.pop();
      if (frame.anchored) {
        open.delete(node);
        anchoredSize.set(node, frame.size);
      }
      finish(frame, frame.size);
      continue;
    }
    // Entering the node: pre-order, as an anchor takes effect where it is written.
    frame.entered = true;
    ownNodes++;
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === "string" && anchor !== "") {
      anchors.set(anchor, node);
      frame.anchored = true;
      open.add(node);
    }
    if (isAlias(node)) {
      stack.pop();
      const target = anchors.get(node.source) ?? null;
      targets.set(node, target);
      const offset = node.range?.[0] ?? 0;
      if (!target) {
        broken ??= {
          kind: "unresolved",
          message: `alias *${node.source} has no anchor before it`,
          offset,
        };
        finish(frame, 1);
      } else if (open.has(target)) {
        broken ??= {
          kind: "cycle",
          message: `alias *${node.source} is inside the node its anchor names`,
          offset,
        };
        finish(frame, Number.POSITIVE_INFINITY);
      } else finish(frame, anchoredSize.get(target) ?? 1);
      continue;
    }
    if (!isCollection(node)) continue;
    // Children are pushed reversed, so that they are entered in document order.
    const children = childrenOf(node, onDuplicate);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Node;
      stack.push({ node: child, parent: frame, size: 1, entered: false, anchored: false });
    }
  }
  return { targets, ownNodes, expandedNodes, broken, duplicate };
}

/** The child nodes of a collection (keys and values of pairs), reporting repeated scalar keys. */
function childrenOf(
  node: YAMLMap | YAMLSeq,
  onDuplicate: (offset: number, key: string) => void,
): Node[] {
  const out: Node[] = [];
  const keys = isMap(node) ? new Set<string>() : null;
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      if (key && typeof key === "object" && "range" in key) out.push(key);
      if (value && typeof value === "object" && "range" in value) out.push(value);
      if (keys && isScalar(key) && typeof key.value !== "symbol") {
        const id = `${typeof key.value}:${String(key.value)}`;
        if (keys.has(id)) onDuplicate(key.range?.[0] ?? 0, String(key.value));
        keys.add(id);
      }
    } else if (item && typeof item === "object" && "range" in item) out.push(item as Node);
  }
  return out;
}
