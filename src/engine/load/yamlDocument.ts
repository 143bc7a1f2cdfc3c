import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import type { Diagnostic } from "./Diagnostic";

export type PathKey = string | number;

/** A parsed YAML document that can say where any path of its value was written. */
export class PositionedYaml {
  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string): { doc: PositionedYaml; diagnostics: Diagnostic[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
    const positioned = new PositionedYaml(file, doc, lines);
    const diagnostics = [...doc.errors, ...doc.warnings].map((e) =>
      positioned.diagnosticAt(e.pos[0], e.pos[1], e.message.split("\n")[0] ?? e.message, doc.errors.includes(e) ? "error" : "warning"),
    );
    return { doc: positioned, diagnostics };
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Diagnostic for a value path. With `key` set, points at the key of that name inside the
   * map at `path` (used for unknown keys); otherwise at the value, falling back to the
   * deepest ancestor that exists (a missing key is reported on its parent).
   */
  diagnosticFor(path: readonly PathKey[], message: string, options: { key?: string; severity?: "error" | "warning" } = {}): Diagnostic {
    const severity = options.severity ?? "error";
    if (options.key !== undefined) {
      const map = this.nodeAt(path);
      if (isMap(map)) {
        const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === options.key);
        if (pair && isScalar(pair.key) && pair.key.range) return this.diagnosticAt(pair.key.range[0], pair.key.range[1], message, severity);
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = this.nodeAt(path.slice(0, n));
      if (node?.range) {
        // A whole map or sequence would underline many lines: point at its first line only.
        const [start, valueEnd] = node.range;
        const end = isMap(node) || isSeq(node) ? Math.min(valueEnd, this.endOfLine(start)) : valueEnd;
        return this.diagnosticAt(start, end, message, severity);
      }
    }
    return this.diagnosticAt(0, 0, message, severity);
  }

  private nodeAt(path: readonly PathKey[]): YamlNode | undefined {
    if (path.length === 0) return (this.doc.contents as YamlNode | null) ?? undefined;
    const node = this.doc.getIn(path, true);
    return node && typeof node === "object" && "range" in node ? (node as YamlNode) : undefined;
  }

  private endOfLine(offset: number): number {
    const { line } = this.lines.linePos(offset);
    const next = this.lines.lineStarts[line];
    return next === undefined ? offset + 1 : next - 1;
  }

  private diagnosticAt(start: number, end: number, message: string, severity: "error" | "warning"): Diagnostic {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, message, severity };
  }
}
