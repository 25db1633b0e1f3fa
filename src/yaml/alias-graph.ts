import {
  type Alias,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
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
  /**
   * Nodes kubectl's decoder would decode, every alias expanded (Infinity past 2^53, never NaN):
   * counted as go-yaml does (see `excessiveAliasing`).
   */
  readonly expandedNodes: number;
  /**
   * The alias at which kubectl's YAML decoder gives up with "document contains excessive aliasing",
   * or null when it reads the whole document (see `excessiveAliasing`).
   */
  readonly excessiveAliasing: AliasIssue | null;
  /** The first alias that cannot be read: one with no anchor, or one inside its own anchor. */
  readonly broken: AliasIssue | null;
  /** The first key a mapping sets twice (readers then take the last setting). */
  readonly duplicate: AliasIssue | null;
}

export interface AliasIssue {
  readonly kind: "unresolved" | "cycle" | "duplicate-key" | "excessive-aliasing";
  readonly message: string;
  /** Offset in the document's text. */
  readonly offset: number;
}

/**
 * kubectl reads YAML with go-yaml v2 (through sigs.k8s.io/yaml), whose decoder counts every node
 * it decodes, and those it decodes inside an alias expansion; it gives up with "document contains
 * excessive aliasing" as soon as more than 100 of more than 1,000 decodes came from aliases and
 * their share exceeds the allowed ratio: 99% up to 400,000 decodes, 10% from 4,000,000, linear
 * in between (go-yaml `decode.go`, `allowedAliasRatio` and `unmarshal`). A manifest that reuses an
 * anchored list many times is read; a billion laughs is refused after a few thousand nodes.
 */
const RATIO_LOW = 400_000;
const RATIO_HIGH = 4_000_000;

export function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_LOW) return 0.99;
  if (decodeCount >= RATIO_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - RATIO_LOW)) / (RATIO_HIGH - RATIO_LOW);
}

/** go-yaml's test, made after each decode: true when the decoder gives up. */
export function excessiveAliasing(decodeCount: number, aliasCount: number): boolean {
  return (
    aliasCount > 100 &&
    decodeCount > 1000 &&
    aliasCount / decodeCount > allowedAliasRatio(decodeCount)
  );
}

/**
 * Resolves every alias of a document once, in document order, and follows kubectl's decoder
 * through it without recursion and without expanding anything: the decode cost of a node is
 * computed once and an alias costs one decode plus that of its target, all of them alias decodes.
 * Within one alias's expansion the share of alias decodes only grows and the allowed ratio only
 * falls, so testing at its end finds exactly the documents the decoder refuses. Nodes are counted
 * as go-yaml counts them: the document, every node, but not a merge key (`<<`) nor a sequence of
 * merged mappings (whose items it decodes last to first). An alias inside the node its anchor
 * names (a cycle) and an alias to no anchor are reported, as kubectl's decoder rejects both.
 * `yaml`'s own `Alias.resolve` walks the whole document on every call; this walk replaces it.
 * `doc` is a composed document, or anything with a node as `contents` (a part of a document walked
 * on its own, as if it were the whole).
 */
export function buildAliasGraph(doc: { readonly contents: unknown }): AliasGraph {
  const targets = new Map<Alias, Node | null>();
  const anchors = new Map<string, Node>();
  /** Decode cost of each anchored node, known once the walk has left it. */
  const anchoredCost = new Map<Node, number>();
  /** Anchored nodes the walk is inside of: an alias to one of them is a cycle. */
  const open = new Set<Node>();
  let broken: AliasIssue | null = null;
  let duplicate: AliasIssue | null = null;
  let excessive: AliasIssue | null = null;
  let ownNodes = 0;
  const onDuplicate = (offset: number, key: string) => {
    duplicate ??= { kind: "duplicate-key", message: `key \`${key}\` is set twice`, offset };
  };

  type Frame = {
    readonly node: Node;
    readonly parent: Frame | null;
    /** Whether go-yaml decodes the node itself (not a merge key or merged sequence). */
    readonly counted: boolean;
    /** Children are decoded last to first (a merged sequence). */
    readonly reversed: boolean;
    cost: number;
    entered: boolean;
    anchored: boolean;
  };
  const root = doc.contents as Node | null;
  const none = {
    targets,
    ownNodes: 0,
    expandedNodes: 0,
    broken,
    duplicate,
    excessiveAliasing: null,
  };
  if (!root) return none;
  const stack: Frame[] = [
    {
      node: root,
      parent: null,
      counted: true,
      reversed: false,
      cost: 1,
      entered: false,
      anchored: false,
    },
  ];
  // The decoder's running counts; the document node is its first decode.
  let decodes = 1;
  let aliasDecodes = 0;
  let expandedNodes = 0;
  /** Adds a finished node's decode cost to its parent's, or makes it the total. */
  const finish = (frame: Frame, cost: number) => {
    if (frame.parent) frame.parent.cost += cost;
    else expandedNodes = cost + 1;
  };
  const decode = (count: number, fromAlias: number, offset: number, source: string) => {
    decodes += count;
    aliasDecodes += fromAlias;
    if (excessive === null && excessiveAliasing(decodes, aliasDecodes)) {
      excessive = {
        kind: "excessive-aliasing",
        message: `aliases expand past what kubectl reads (at *${source}: ${aliasDecodes} of ${decodes} nodes decoded come from aliases, more than ${Math.round(allowedAliasRatio(decodes) * 100)}%)`,
        offset,
      };
    }
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { node } = frame;
    if (frame.entered) {
      stack.pop();
      if (frame.anchored) {
        open.delete(node);
        anchoredCost.set(node, frame.cost);
      }
      finish(frame, frame.cost);
      continue;
    }
    // Entering the node: pre-order, as an anchor takes effect where it is written and as the
    // decoder counts.
    frame.entered = true;
    ownNodes++;
    if (!frame.counted) frame.cost = 0;
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
      } else {
        const cost = anchoredCost.get(target) ?? 1;
        decode(1, 0, offset, node.source);
        decode(cost, cost, offset, node.source);
        finish(frame, 1 + cost);
      }
      continue;
    }
    if (frame.counted) decode(1, 0, node.range?.[0] ?? 0, "");
    if (!isCollection(node)) continue;
    // Children are pushed reversed, so that they are entered in decoding order.
    const children = childrenOf(node, onDuplicate);
    if (!frame.reversed) children.reverse();
    // Written out rather than spread from `child`: V8 makes spread copies slow objects, and
    // this walk visits every node of every document (it took longer than parsing them).
    for (const { node: childNode, counted, reversed } of children) {
      stack.push({
        node: childNode,
        parent: frame,
        counted,
        reversed,
        cost: 1,
        entered: false,
        anchored: false,
      });
    }
  }
  return { targets, ownNodes, expandedNodes, broken, duplicate, excessiveAliasing: excessive };
}

interface ChildNode {
  readonly node: Node;
  /** False for what go-yaml's decoder does not decode itself: a merge key, a merged sequence. */
  readonly counted: boolean;
  /** A merged sequence: the decoder takes its items last to first. */
  readonly reversed: boolean;
}

/**
 * The child nodes of a collection in go-yaml's decoding order (keys and values of pairs; the
 * caller reverses a merged sequence's items), reporting repeated scalar keys.
 */
function childrenOf(
  node: YAMLMap | YAMLSeq,
  onDuplicate: (offset: number, key: string) => void,
): ChildNode[] {
  const out: ChildNode[] = [];
  const keys = isMap(node) ? new Set<string>() : null;
  const isNode = (n: unknown): n is Node => !!n && typeof n === "object" && "range" in n;
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      const merge = keys !== null && isMergeKey(key);
      if (isNode(key)) out.push({ node: key, counted: !merge, reversed: false });
      if (merge && isSeq(value)) {
        out.push({ node: value, counted: false, reversed: true });
        continue;
      }
      if (isNode(value)) out.push({ node: value, counted: true, reversed: false });
      if (keys && isScalar(key) && typeof key.value !== "symbol") {
        const id = `${typeof key.value}:${String(key.value)}`;
        if (keys.has(id)) onDuplicate(key.range?.[0] ?? 0, String(key.value));
        keys.add(id);
      }
    } else if (isNode(item)) out.push({ node: item, counted: true, reversed: false });
  }
  return out;
}

/** A merge key as the YAML 1.1 schema reads it: a plain `<<` or one tagged `!!merge`. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === "symbol" && key.value.description === "<<";
}
