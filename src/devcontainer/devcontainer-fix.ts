/**
 * A fix intent as an edit of `devcontainer.json`, made by jsonc-parser's `modify` (which keeps
 * comments and the file's indentation, and places commas): a property or array items removed (the
 * property with them when they were all it held), or privileged mode replaced by the capabilities
 * (and devices) the catalogue infers, as `capAdd` items for the `privileged` property and as
 * `--cap-add=`/`--device=` items where `--privileged` stood in `runArgs`. The result is one text
 * edit of the original text, which the kind then verifies by re-scanning.
 */
import jsonc from "jsonc-parser";
import type { FixIntent } from "../container/rule.js";
import { lineEnding } from "../fix/line-fix.js";
import type { TextEdit } from "../fix/text-edit.js";
import type { DevEdit } from "./read-devcontainer.js";
import { type Node, property } from "./read-jsonc.js";

const { applyEdits, modify, parseTree } = jsonc;

interface Formatting {
  readonly insertSpaces: boolean;
  readonly tabSize: number;
  readonly eol: string;
}

/** The file's own indentation (the first indented line's) and line ending. */
function formattingOf(text: string): Formatting {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  const tabs = indent.startsWith("\t");
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indent.length, eol: lineEnding(text) };
}

/**
 * Edits applied one after the other, each on the text the previous one left. Array items are
 * edited over their own ranges, so that the items around them keep their lines and comments;
 * properties are removed and added by `modify`.
 */
class Editor {
  text: string;
  private readonly formatting: Formatting;
  constructor(text: string) {
    this.text = text;
    this.formatting = formattingOf(text);
  }
  private list(key: string): Node | null {
    const root = parseTree(this.text, [], { allowTrailingComma: true }) ?? null;
    const value = property(root, key)?.value;
    return value?.type === "array" ? value : null;
  }
  private splice(start: number, end: number, text: string): void {
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
  }
  setProperty(key: string, value: unknown): void {
    const edits = modify(this.text, [key], value, { formattingOptions: this.formatting });
    this.text = applyEdits(this.text, edits);
  }
  /**
   * Removes `count` items from `first`: up to the item after them when it follows on the same
   * line (or nothing comes before them), else from the end of the item before them (its comma
   * stays and serves what follows). All of them: the property goes.
   */
  removeItems(key: string, first: number, count: number): void {
    const items = this.list(key)?.children ?? [];
    const last = items[first + count - 1];
    const head = items[first];
    if (!head || !last) return;
    if (count === items.length) {
      this.setProperty(key, undefined);
      return;
    }
    const previous = items[first - 1];
    const next = items[first + count];
    const end = last.offset + last.length;
    const nextOnLine = next !== undefined && !/[\r\n]/.test(this.text.slice(end, next.offset));
    if (next && (nextOnLine || !previous)) this.splice(head.offset, next.offset, "");
    else if (previous) this.splice(previous.offset + previous.length, end, "");
  }
  /** Replaces one item by strings, written on its line. */
  replaceItem(key: string, at: number, values: readonly string[]): void {
    const item = this.list(key)?.children?.[at];
    if (!item) return;
    this.splice(
      item.offset,
      item.offset + item.length,
      values.map((v) => JSON.stringify(v)).join(", "),
    );
  }
  /**
   * Appends the strings the array does not hold yet, after its last item; the property is added
   * when absent.
   */
  append(key: string, values: readonly string[]): void {
    const list = this.list(key);
    const present = new Set(list?.children?.map((c) => c.value));
    const added = values.filter((v) => !present.has(v));
    if (added.length === 0) return;
    if (!list) {
      this.setProperty(key, added);
      return;
    }
    const written = added.map((v) => JSON.stringify(v)).join(", ");
    const last = list.children?.at(-1);
    if (last) this.splice(last.offset + last.length, last.offset + last.length, `, ${written}`);
    else this.splice(list.offset + 1, list.offset + list.length - 1, written);
  }
}

/** The fixed text, or null when the intent cannot be written at this setting. */
function fixedText(text: string, intent: FixIntent, edit: DevEdit): string | null {
  const editor = new Editor(text);
  if (intent.op === "remove") {
    if (edit.kind === "property") editor.setProperty(edit.key, undefined);
    else editor.removeItems(edit.key, edit.first, edit.count);
    return editor.text;
  }
  const caps = intent.capabilities;
  const devices = intent.devices.map((d) => `--device=${d}`);
  if (edit.kind === "property" && edit.key === "privileged") {
    editor.setProperty("privileged", undefined);
    editor.append("capAdd", caps);
    editor.append("runArgs", devices);
    return editor.text;
  }
  if (edit.kind !== "items" || edit.key !== "runArgs" || edit.count !== 1) return null;
  const words = [...caps.map((c) => `--cap-add=${c}`), ...devices];
  if (words.length === 0) editor.removeItems("runArgs", edit.first, 1);
  else editor.replaceItem("runArgs", edit.first, words);
  return editor.text;
}

/**
 * The fix as one edit of the original text: the span between what the original and the fixed
 * text share at their start and at their end. Null when nothing changes.
 */
export function devcontainerEdit(text: string, intent: FixIntent, edit: DevEdit): TextEdit | null {
  const fixed = fixedText(text, intent, edit);
  if (fixed === null || fixed === text) return null;
  let start = 0;
  const max = Math.min(text.length, fixed.length);
  while (start < max && text[start] === fixed[start]) start++;
  let end = 0;
  while (end < max - start && text[text.length - 1 - end] === fixed[fixed.length - 1 - end]) end++;
  return { start, end: text.length - end, text: fixed.slice(start, fixed.length - end) };
}
