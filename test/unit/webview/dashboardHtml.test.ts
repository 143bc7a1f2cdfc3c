import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { createNonce, dashboardHtml } from "../../../src/extension/dashboard/dashboardHtml";

const input = (nonce: string) => ({
  cspSource: "https://file+.vscode-resource.vscode-cdn.net",
  nonce,
  scriptUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js",
  styleUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css",
  codiconUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css",
});

function csp(html: string): Map<string, string[]> {
  const doc = new JSDOM(html).window.document;
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  assert.ok(meta, "the page declares a CSP");
  return new Map(
    meta.getAttribute("content")!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("dashboard HTML and its CSP", () => {
  const nonce = createNonce();
  const html = dashboardHtml(input(nonce));
  const policy = csp(html);
  const doc = new JSDOM(html).window.document;

  it("allows nothing by default and no network from the page", () => {
    assert.deepEqual(policy.get("default-src"), ["'none'"]);
    assert.deepEqual(policy.get("connect-src"), ["'none'"]);
    assert.deepEqual(policy.get("frame-src"), ["'none'"]);
    assert.deepEqual(policy.get("base-uri"), ["'none'"]);
  });

  it("runs scripts only with this load's nonce: no inline, no eval, no host", () => {
    assert.deepEqual(policy.get("script-src"), [`'nonce-${nonce}'`]);
    for (const directive of policy.values()) {
      assert.ok(!directive.includes("'unsafe-inline'") && !directive.includes("'unsafe-eval'"), "no unsafe-* anywhere");
      assert.ok(!directive.includes("*") && !directive.some((v) => v.startsWith("http:")), "no wildcard or plain-http source");
    }
    const scripts = [...doc.querySelectorAll("script")];
    assert.equal(scripts.length, 1);
    for (const s of scripts) {
      assert.equal(s.getAttribute("nonce"), nonce);
      assert.equal(s.textContent!.trim(), "", "no inline script body");
      assert.ok(s.getAttribute("src")!.endsWith("/dist/webview/main.js"));
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handlers");
  });

  it("loads styles and the codicon font only from the extension, stills only as data:", () => {
    assert.deepEqual(policy.get("style-src"), [input(nonce).cspSource]);
    assert.deepEqual(policy.get("font-src"), [input(nonce).cspSource]);
    assert.deepEqual(policy.get("img-src"), [input(nonce).cspSource, "data:"]);
    assert.ok(doc.getElementById("vscode-codicon-stylesheet"), "codicons linked with the id vscode-elements looks for");
    assert.equal(doc.querySelectorAll("style").length, 0, "no inline style element");
  });

  it("uses a fresh, unguessable nonce each time", () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.ok(Buffer.from(a, "base64").length >= 16);
  });
});
