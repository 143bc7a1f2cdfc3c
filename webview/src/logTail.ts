import type { LogEntry, SourceStatus } from "../../src/shared/webviewProtocol";
import { h, icon, replaceChildren } from "./dom";
import { formatClock } from "./format";

const MAX_LINES = 1000;

export interface LogTailOptions {
  filter: string;
  paused: boolean;
  onChange: (settings: { filter: string; paused: boolean }) => void;
}

/** A filter typed as /regex/i is a regular expression; anything else matches as plain text, ignoring case. */
export function compileFilter(filter: string): (line: string) => boolean {
  const trimmed = filter.trim();
  if (trimmed === "") return () => true;
  const re = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (re) {
    try {
      const compiled = new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ""));
      return (line) => compiled.test(line);
    } catch {
      // An unfinished regex while typing matches as text until it is valid.
    }
  }
  const needle = trimmed.toLowerCase();
  return (line) => line.toLowerCase().includes(needle);
}

/**
 * The live Loki tail: newest at the bottom, level-coloured, with a text/regex filter and a
 * pause that holds new lines back (and counts them) until resumed.
 */
export class LogTail {
  private entries: LogEntry[] = [];
  private held: LogEntry[] = [];
  private readonly seen = new Set<string>();
  private filter: string;
  private paused: boolean;
  private readonly list: HTMLElement;
  private readonly pauseButton: HTMLElement;
  private readonly heldNote: HTMLElement;
  private readonly filterField: HTMLInputElement;
  private readonly banner: HTMLElement;
  private readonly queryLabel: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly options: LogTailOptions,
  ) {
    this.filter = options.filter;
    this.paused = options.paused;
    this.filterField = h("vscode-textfield", { class: "log-filter", placeholder: "Filter (text or /regex/)", "aria-label": "Filter log lines" }) as HTMLInputElement;
    this.filterField.value = this.filter;
    this.filterField.addEventListener("input", () => {
      this.filter = this.filterField.value;
      this.changed();
      this.renderAll();
    });
    this.pauseButton = h("vscode-button", { class: "log-pause", secondary: true });
    this.pauseButton.addEventListener("click", () => this.setPaused(!this.paused));
    this.heldNote = h("span", { class: "log-held" });
    this.banner = h("div", { class: "source-down", role: "status" });
    this.banner.hidden = true;
    this.queryLabel = h("code", { class: "log-query" });
    this.list = h("ol", { class: "log-lines", "aria-live": "off" });
    replaceChildren(root, h("div", { class: "log-toolbar" }, this.queryLabel, this.filterField, this.pauseButton, this.heldNote), this.banner, this.list);
    root.classList.add("log-tail");
    this.renderPause();
  }

  setQuery(query: string): void {
    this.queryLabel.textContent = query;
  }

  add(mode: "replace" | "append", entries: readonly LogEntry[]): void {
    if (mode === "replace") {
      this.entries = [];
      this.held = [];
      this.seen.clear();
    }
    const fresh = entries.filter((e) => {
      const key = `${e.tsNs}\u0000${e.line}`;
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      return true;
    });
    if (this.paused && mode === "append") {
      this.held.push(...fresh);
      this.renderPause();
      return;
    }
    this.entries.push(...fresh);
    this.trim();
    if (mode === "replace") this.renderAll();
    else this.appendRendered(fresh);
  }

  setSources(sources: readonly SourceStatus[]): void {
    const loki = sources.find((s) => s.source === "loki");
    const down = loki?.state === "down";
    this.banner.hidden = !down;
    replaceChildren(this.banner, ...(down && loki ? [icon("debug-disconnect"), ` source down: loki${loki.detail ? ` (${loki.detail})` : ""}`] : []));
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused && this.held.length > 0) {
      const held = this.held;
      this.held = [];
      this.entries.push(...held);
      this.trim();
      this.renderAll();
    }
    this.renderPause();
    this.changed();
  }

  private changed(): void {
    this.options.onChange({ filter: this.filter, paused: this.paused });
  }

  private trim(): void {
    if (this.entries.length <= MAX_LINES) return;
    for (const e of this.entries.splice(0, this.entries.length - MAX_LINES)) this.seen.delete(`${e.tsNs}\u0000${e.line}`);
  }

  private renderPause(): void {
    replaceChildren(this.pauseButton, icon(this.paused ? "debug-continue" : "debug-pause"), this.paused ? " Resume" : " Pause");
    this.heldNote.textContent = this.paused && this.held.length > 0 ? `${this.held.length} new line${this.held.length === 1 ? "" : "s"} held` : "";
  }

  private renderAll(): void {
    replaceChildren(this.list);
    this.appendRendered(this.entries);
  }

  private appendRendered(entries: readonly LogEntry[]): void {
    const matches = compileFilter(this.filter);
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    for (const e of entries) {
      if (!matches(e.line)) continue;
      this.list.appendChild(
        h(
          "li",
          { class: `log-line level-${e.level}`, "data-level": e.level, title: e.stream },
          h("time", {}, formatClock(Number(BigInt(e.tsNs) / 1_000_000n))),
          h("span", { class: "log-level" }, e.level),
          h("span", { class: "log-text" }, e.line),
        ),
      );
    }
    while (this.list.childElementCount > MAX_LINES) this.list.firstElementChild?.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
