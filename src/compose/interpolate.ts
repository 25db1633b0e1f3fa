/**
 * Compose variable interpolation, read without an environment: a variable with a default
 * (`${PRIVILEGED:-true}`, `${SOCK-/var/run/docker.sock}`) is read as its default, nested defaults
 * included; `$$` is a literal `$`. A variable without a default (`$VAR`, `${VAR}`, `${VAR:?err}`,
 * `${VAR:+alt}`) cannot be known, and the value is unknown. The syntax is the Compose
 * Specification's (https://github.com/compose-spec/compose-spec/blob/main/12-interpolation.md).
 */
export interface Interpolated {
  /** The value with every default put in, or null when a variable has no default. */
  readonly value: string | null;
  /** Whether a variable was read (then messages quote the text as written). */
  readonly variable: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * `unknown`: when given, a variable without a default reads as this text instead of making the
 * whole value unknown (a host path whose folder is a variable may still name a runtime socket).
 */
export function interpolate(text: string, unknown?: string): Interpolated {
  if (!text.includes("$")) return { value: text, variable: false };
  let out = "";
  let variable = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const end = closingBrace(text, i + 2);
      if (end === -1) return { value: null, variable: true };
      const inner = readBraced(text.slice(i + 2, end), unknown);
      variable = true;
      if (inner === null && unknown === undefined) return { value: null, variable };
      out += inner ?? unknown;
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1));
    if (name && unknown === undefined) return { value: null, variable: true };
    if (name) {
      out += unknown;
      variable = true;
      i += 1 + name[0].length;
      continue;
    }
    out += "$";
    i++;
  }
  return { value: out, variable };
}

/** `NAME:-default` or `NAME-default` → the default, interpolated; anything else is unknown. */
function readBraced(body: string, unknown?: string): string | null {
  const name = NAME.exec(body);
  if (!name) return null;
  const rest = body.slice(name[0].length);
  const op = rest.startsWith(":-") ? ":-" : rest.startsWith("-") ? "-" : null;
  if (op === null) return null;
  return interpolate(rest.slice(op.length), unknown).value;
}

/** The index of the `}` closing a `${` whose body starts at `from`, nested `${...}` skipped. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
