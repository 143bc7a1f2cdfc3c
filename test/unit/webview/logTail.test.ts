import "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileFilter, LogTail } from "../../../webview/src/logTail";
import type { LogEntry } from "../../../src/shared/webviewProtocol";

let ns = 1_762_941_600_000_000_000n;
const entry = (line: string, level: LogEntry["level"] = "info"): LogEntry => ({ tsNs: String((ns += 1_000_000n)), level, line, stream: '{app="tapo-camera-mcp"}' });

function setup(filter = "", paused = false) {
  const root = document.createElement("div");
  const changes: { filter: string; paused: boolean }[] = [];
  const tail = new LogTail(root, { filter, paused, onChange: (s) => changes.push(s) });
  const lines = () => [...root.querySelectorAll<HTMLElement>(".log-line")];
  return { root, tail, changes, lines };
}

describe("log tail", () => {
  it("colours lines by level", () => {
    const { tail, lines } = setup();
    tail.add("replace", [entry("Device tapo_kitchen went offline", "warning"), entry("CRITICAL - offline for 180s", "error"), entry("scrape ok")]);
    assert.deepEqual(
      lines().map((l) => l.dataset.level),
      ["warning", "error", "info"],
    );
    assert.ok(lines()[1]!.classList.contains("level-error"));
  });

  it("filters by text (any case) and by /regex/", () => {
    assert.equal(compileFilter("KITCHEN")("tapo_kitchen offline"), true);
    assert.equal(compileFilter("/kitchen|living/")("tapo_living_room"), true);
    assert.equal(compileFilter("/^scrape/")("a scrape"), false);
    assert.equal(compileFilter("/unfinished(/")("GET /unfinished(/ 404"), true, "an invalid regex matches as text");
    const { root, tail, lines, changes } = setup();
    tail.add("replace", [entry("tapo_kitchen offline"), entry("scrape ok")]);
    const field = root.querySelector<HTMLInputElement>(".log-filter")!;
    field.value = "kitchen";
    field.dispatchEvent(new window.Event("input"));
    assert.equal(lines().length, 1);
    assert.deepEqual(changes.at(-1), { filter: "kitchen", paused: false });
  });

  it("pause holds new lines back and counts them; resume shows them", () => {
    const { root, tail, lines, changes } = setup();
    tail.add("replace", [entry("one")]);
    root.querySelector<HTMLElement>(".log-pause")!.dispatchEvent(new window.MouseEvent("click"));
    assert.deepEqual(changes.at(-1), { filter: "", paused: true });
    tail.add("append", [entry("two"), entry("three")]);
    assert.equal(lines().length, 1);
    assert.match(root.querySelector(".log-held")!.textContent!, /2 new lines held/);
    tail.setPaused(false);
    assert.deepEqual(
      lines().map((l) => l.querySelector(".log-text")!.textContent),
      ["one", "two", "three"],
    );
  });

  it("does not show a line twice and never parses lines as HTML", () => {
    const { root, tail, lines } = setup();
    const e = entry('<script>alert("x")</script>');
    tail.add("append", [e]);
    tail.add("append", [e]);
    assert.equal(lines().length, 1);
    assert.equal(root.querySelectorAll("script").length, 0);
    assert.equal(lines()[0]!.querySelector(".log-text")!.textContent, '<script>alert("x")</script>');
  });

  it("says when Loki is down", () => {
    const { root, tail } = setup();
    tail.setSources([{ source: "loki", state: "down", detail: "ECONNREFUSED", checkedAt: 0 }]);
    assert.match(root.querySelector(".source-down")!.textContent!, /source down: loki/);
  });
});
