import type { LogLevel } from "../../shared/webviewProtocol";

const WORDS: [RegExp, LogLevel][] = [
  [/^(?:error|err|critical|crit|fatal|alert|emerg|panic)$/i, "error"],
  [/^(?:warn|warning)$/i, "warning"],
  [/^(?:info|information|notice)$/i, "info"],
  [/^(?:debug|trace)$/i, "debug"],
];

function fromWord(word: string | undefined): LogLevel | undefined {
  if (word === undefined) return undefined;
  return WORDS.find(([re]) => re.test(word.trim()))?.[1];
}

/**
 * The level of a log line, for colouring: from the stream's `level` label, else the
 * dashboard's JSON lines (`"level": "WARNING"`), else its native format
 * (`2025-11-12 10:00:00,123 - logger - INFO - text`), else a `level=` logfmt pair.
 */
export function logLevelOf(line: string, labels: Record<string, string>): LogLevel {
  const labelled = fromWord(labels.level ?? labels.detected_level ?? labels.severity);
  if (labelled) return labelled;
  if (line.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed !== null && typeof parsed === "object") {
        const o = parsed as Record<string, unknown>;
        const v = o.level ?? o.levelname ?? o.severity;
        if (typeof v === "string") return fromWord(v) ?? "unknown";
      }
    } catch {
      // Not JSON after all: fall through to the text forms.
    }
  }
  const native = / - (CRITICAL|ERROR|WARNING|WARN|INFO|DEBUG) - /.exec(line)?.[1];
  const logfmt = /\blevel=("?)(\w+)\1/i.exec(line)?.[2];
  return fromWord(native) ?? fromWord(logfmt) ?? "unknown";
}
