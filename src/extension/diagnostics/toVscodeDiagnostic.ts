import * as vscode from "vscode";
import type { Diagnostic } from "../../engine/load/Diagnostic";

/** The loader's 1-based line/column range → VS Code's 0-based one, keeping at least one character underlined. */
export function toVscodeDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.column - 1));
  let end = new vscode.Position(Math.max(0, d.endLine - 1), Math.max(0, d.endColumn - 1));
  if (!end.isAfter(start)) end = start.translate(0, 1);
  const severity = d.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const out = new vscode.Diagnostic(new vscode.Range(start, end), d.message, severity);
  out.source = "surveillance-chaos";
  return out;
}
