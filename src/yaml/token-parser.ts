import { CST, Parser } from "yaml";

/** What `Parser.next` reads and writes of the parser (private in `yaml`'s types). */
interface ParserState {
  source: string;
  atScalar: boolean;
  atNewLine: boolean;
  indent: number;
  offset: number;
  type: CST.TokenType;
  readonly onNewLine?: (offset: number) => void;
  step(): Generator<CST.Token, void>;
  pop(error?: CST.Token): Generator<CST.Token, void>;
}

/**
 * `yaml`'s CST parser, token for token, without its debug switch: `Parser.next` (yaml 2.9) reads
 * `process.env.LOG_TOKENS` for every token it is given, and Node reads an environment variable
 * from the process's environment each time (about 110 ns): a quarter of the parser's time on
 * manifests (540 against 400 ms for 2,000 Deployments). This is its `next` with that read left
 * out, the rest as written there; a test holds its tokens to `Parser`'s on the real-world corpus,
 * the property tests' documents and YAML's odd corners, so an upgrade of `yaml` that changes
 * `next` is seen.
 */
export class TokenParser extends Parser {
  override *next(source: string): Generator<CST.Token, void> {
    const self = this as unknown as ParserState;
    self.source = source;
    if (self.atScalar) {
      self.atScalar = false;
      yield* self.step();
      self.offset += source.length;
      return;
    }
    const type = CST.tokenType(source);
    if (!type) {
      const message = `Not a YAML token: ${source}`;
      yield* self.pop({ type: "error", offset: self.offset, message, source });
      self.offset += source.length;
    } else if (type === "scalar") {
      self.atNewLine = false;
      self.atScalar = true;
      self.type = "scalar";
    } else {
      self.type = type;
      yield* self.step();
      switch (type) {
        case "newline":
          self.atNewLine = true;
          self.indent = 0;
          if (self.onNewLine) self.onNewLine(self.offset + source.length);
          break;
        case "space":
          if (self.atNewLine && source[0] === " ") self.indent += source.length;
          break;
        case "explicit-key-ind":
        case "map-value-ind":
        case "seq-item-ind":
          if (self.atNewLine) self.indent += source.length;
          break;
        case "doc-mode":
        case "flow-error-end":
          return;
        default:
          self.atNewLine = false;
      }
      self.offset += source.length;
    }
  }
}
