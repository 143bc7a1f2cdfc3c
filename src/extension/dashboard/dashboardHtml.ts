import { randomBytes } from "node:crypto";

/** A fresh CSP nonce per page load: 16 random bytes from the OS, base64. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface DashboardHtmlInput {
  /** The webview's own origin (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
  /** Webview URIs (asWebviewUri) of the built assets. */
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The page, in one place. The CSP allows nothing by default and no network at all
 * (`connect-src 'none'`: all traffic goes through the extension host); the one script
 * runs only with this load's nonce, styles and the codicon font come from the extension's
 * own files, and still frames arrive as data: URIs.
 */
export function dashboardHtml(input: DashboardHtmlInput): string {
  const { cspSource, nonce } = input;
  const csp = [
    "default-src 'none'",
    "connect-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
<title>Chaos Dashboard</title>
</head>
<body>
<main id="app"></main>
<script type="module" nonce="${escapeAttr(nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>
`;
}
