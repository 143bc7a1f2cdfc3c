import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HostMessageSchema, PageMessageSchema, PageStateSchema, DEFAULT_PAGE_STATE } from "../../../src/shared/webviewProtocol";

describe("webview protocol", () => {
  it("accepts the page's messages and refuses anything else", () => {
    assert.ok(PageMessageSchema.safeParse({ type: "ready" }).success);
    assert.ok(PageMessageSchema.safeParse({ type: "revertFault", runId: "r", faultId: "f" }).success);
    assert.equal(PageMessageSchema.safeParse({ type: "revertFault", runId: "r" }).success, false);
    assert.equal(PageMessageSchema.safeParse({ type: "ready", extra: 1 }).success, false, "strict objects: no smuggled fields");
    assert.equal(PageMessageSchema.safeParse({ type: "runShell", command: "rm -rf /" }).success, false);
    assert.equal(PageMessageSchema.safeParse({ command: "ready" }).success, false);
  });

  it("needs one value per time in a series batch", () => {
    const ok = { type: "series", batch: { queryId: "q", mode: "append", times: [1, 2], series: [{ label: "a", values: [1, null] }] } };
    assert.ok(HostMessageSchema.safeParse(ok).success);
    const bad = { type: "series", batch: { queryId: "q", mode: "append", times: [1, 2], series: [{ label: "a", values: [1] }] } };
    assert.equal(HostMessageSchema.safeParse(bad).success, false);
  });

  it("lets only image data: URIs through as stills", () => {
    const still = (dataUri: string) => ({ type: "still", still: { camera: "c", dataUri, at: 1, via: "dashboard" } });
    assert.ok(HostMessageSchema.safeParse(still("data:image/jpeg;base64,/9j/4AAQ")).success);
    assert.equal(HostMessageSchema.safeParse(still("https://evil.example/x.jpg")).success, false);
    assert.equal(HostMessageSchema.safeParse(still("data:text/html;base64,PHNjcmlwdD4=")).success, false);
    assert.equal(HostMessageSchema.safeParse(still('data:image/jpeg;base64,AA" onerror="x')).success, false);
  });

  it("has no field that could carry a credential", () => {
    const keys = JSON.stringify(HostMessageSchema.toJSONSchema?.() ?? {});
    assert.doesNotMatch(keys, /password|token|secret|authorization/i);
  });

  it("reads back the page state it defines", () => {
    assert.deepEqual(PageStateSchema.parse(DEFAULT_PAGE_STATE), DEFAULT_PAGE_STATE);
    assert.equal(PageStateSchema.safeParse({ ...DEFAULT_PAGE_STATE, version: 2 }).success, false);
  });
});
