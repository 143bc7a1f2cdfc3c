/** One sample of the Prometheus text exposition format. */
export interface TextSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

/** Prometheus spells infinities "+Inf"/"-Inf", which Number() does not read. */
export function parsePromNumber(text: string): number {
  switch (text) {
    case "+Inf":
    case "Inf":
      return Infinity;
    case "-Inf":
      return -Infinity;
    case "NaN":
      return NaN;
    default:
      return text.trim() === "" ? NaN : Number(text);
  }
}

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Reads `{a="x",b="y\"z"}` from `line` at `start`; returns the labels and the index after `}`. */
function readLabels(line: string, start: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (line[i] === " " || line[i] === ",") i++;
    if (line[i] === "}") return { labels, end: i + 1 };
    const name = LABEL_NAME_RE.exec(line.slice(i))?.[0];
    if (name === undefined) throw new Error(`bad label name at column ${i + 1}`);
    i += name.length;
    while (line[i] === " ") i++;
    if (line[i] !== "=" || line[i + 1] !== '"') throw new Error(`expected ="…" after label ${name}`);
    i += 2;
    let value = "";
    while (i < line.length && line[i] !== '"') {
      if (line[i] === "\\") {
        const next = line[i + 1];
        value += next === "n" ? "\n" : (next ?? "");
        i += 2;
      } else {
        value += line[i];
        i++;
      }
    }
    if (line[i] !== '"') throw new Error(`unterminated value of label ${name}`);
    labels[name] = value;
    i++;
  }
}

/**
 * Parses the text exposition format (version 0.0.4): comments and blank lines are skipped,
 * label values are unescaped, NaN and ±Inf are read. A malformed line throws with its number,
 * since a half-read counter would give a wrong delivery count.
 */
export function parsePromText(text: string): TextSample[] {
  const samples: TextSample[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    try {
      const name = NAME_RE.exec(line)?.[0];
      if (name === undefined) throw new Error("no metric name");
      let rest = line.slice(name.length);
      let labels: Record<string, string> = {};
      if (rest.startsWith("{")) {
        const read = readLabels(rest, 0);
        labels = read.labels;
        rest = rest.slice(read.end);
      }
      const [valueText, tsText] = rest.trim().split(/\s+/);
      if (valueText === undefined || valueText === "") throw new Error("no value");
      const value = parsePromNumber(valueText);
      if (Number.isNaN(value) && valueText !== "NaN") throw new Error(`bad value ${valueText}`);
      const sample: TextSample = { name, labels, value };
      if (tsText !== undefined) sample.timestampMs = Number(tsText);
      samples.push(sample);
    } catch (err) {
      throw new Error(`line ${index + 1}: ${(err as Error).message}: ${line.slice(0, 120)}`);
    }
  });
  return samples;
}

/** Sum of the samples called `name` whose labels include every pair of `match`. */
export function sumSamples(samples: readonly TextSample[], name: string, match: Record<string, string> = {}): number {
  let total = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(match).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}
