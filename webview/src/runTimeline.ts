import type { RunView } from "../../src/shared/webviewProtocol";
import { PhaseNameSchema } from "../../src/shared/webviewProtocol";
import { h, icon, replaceChildren } from "./dom";
import { formatClock, formatDuration, formatSince } from "./format";

export interface RunActions {
  revertFault(runId: string, faultId: string): void;
  openJournal(runId: string): void;
  openRunbook(runId: string): void;
}

const VERDICT_ICON: Record<NonNullable<RunView["verdict"]>["verdict"], string> = {
  passed: "pass-filled",
  failed: "error",
  aborted: "circle-slash",
  refused: "shield",
  error: "bug",
  "dry-run": "beaker",
};

/**
 * The run at a glance: the phases in order with when each began, the faults with their
 * state and a revert button while they are active, the expectations, the verdict with
 * the measured times, and links to the journal and the runbook edit. Without a run it
 * says the page is a live view of the stack.
 */
export class RunTimeline {
  private run: RunView | null = null;
  private readonly pending = new Set<string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: RunActions,
  ) {
    root.classList.add("run-timeline");
    this.render();
  }

  update(run: RunView | null): void {
    if (run?.runId !== this.run?.runId) this.pending.clear();
    this.run = run;
    for (const f of run?.faults ?? []) if (f.state !== "injected") this.pending.delete(f.faultId);
    this.render();
  }

  /** A revert the host could not do lets the button be pressed again. */
  revertFailed(): void {
    this.pending.clear();
    this.render();
  }

  private render(): void {
    const run = this.run;
    if (run === null) {
      replaceChildren(this.root, h("p", { class: "empty" }, icon("pulse"), " No run in progress: a live view of the stack."));
      return;
    }
    const reached = new Map(run.phases.map((p) => [p.phase, p.at]));
    const current = run.verdict === null ? run.phases[run.phases.length - 1]?.phase : undefined;
    const phases = h(
      "ol",
      { class: "phases" },
      ...PhaseNameSchema.options.map((phase) => {
        const at = reached.get(phase);
        const state = phase === current ? "current" : at !== undefined ? "done" : "todo";
        return h("li", { class: `phase phase-${state}`, "data-phase": phase, "data-state": state }, h("span", { class: "phase-name" }, phase), h("span", { class: "phase-at" }, at === undefined ? "" : `+${formatDuration(at - run.startedAt)}`));
      }),
    );
    const injectedAt = run.window.injectedAt;
    const faults = h(
      "ul",
      { class: "faults" },
      ...run.faults.map((f) => {
        const canRevert = f.state === "injected" && f.reversible && !this.pending.has(f.faultId);
        const button = h("vscode-button", { class: "revert", "data-fault": f.faultId, disabled: !canRevert, title: `Revert ${f.faultId} now` }, icon("discard"), " Revert");
        button.addEventListener("click", () => {
          if (!canRevert) return;
          this.pending.add(f.faultId);
          this.actions.revertFault(run.runId, f.faultId);
          this.render();
        });
        return h(
          "li",
          { class: `fault fault-${f.state}`, "data-fault": f.faultId, "data-state": f.state },
          h("vscode-badge", {}, this.pending.has(f.faultId) ? "reverting" : f.state),
          " ",
          h("strong", {}, f.faultId),
          ` ${f.faultType} on ${f.target}: ${f.summary}`,
          f.injectedAt === null ? "" : ` (injected ${formatClock(f.injectedAt)}${f.revertedAt === null ? "" : `, reverted ${formatSince(f.revertedAt, f.injectedAt)}`})`,
          f.deadManAt === null || f.state !== "injected" ? "" : h("span", { class: "dead-man" }, ` dead-man switch at ${formatClock(f.deadManAt)}`),
          f.detail ? h("span", { class: "detail" }, ` ${f.detail}`) : null,
          f.state === "injected" ? button : null,
        );
      }),
    );
    const expectations = h(
      "ul",
      { class: "expectations" },
      ...run.expectations.map((e) =>
        h(
          "li",
          { class: `expectation ${e.met ? "met" : "unmet"}`, "data-met": String(e.met) },
          icon(e.met ? "check" : "circle-large-outline"),
          ` ${e.name}`,
          e.measures ? h("span", { class: "measures" }, ` [${e.measures}]`) : null,
          e.metAt === null ? "" : ` met ${formatSince(e.metAt, injectedAt)}`,
          e.detail ? h("span", { class: "detail" }, ` ${e.detail}`) : null,
        ),
      ),
    );
    const v = run.verdict;
    const verdict =
      v === null
        ? h("div", { class: "verdict pending" }, h("vscode-progress-ring", { class: "spinner" }), ` running since ${formatClock(run.startedAt)}`)
        : h(
            "div",
            { class: `verdict verdict-${v.verdict}`, "data-verdict": v.verdict },
            icon(VERDICT_ICON[v.verdict]),
            h("strong", {}, ` ${v.verdict}`),
            h(
              "dl",
              { class: "timings" },
              h("dt", {}, "time to detect"),
              h("dd", { "data-timing": "detect" }, v.detectMs === null ? "not measured" : formatDuration(v.detectMs)),
              h("dt", {}, "time to notify"),
              h("dd", { "data-timing": "notify" }, v.notifyMs === null ? "not measured" : formatDuration(v.notifyMs)),
              h("dt", {}, "time to recover"),
              h("dd", { "data-timing": "recover" }, v.recoverMs === null ? "not measured" : formatDuration(v.recoverMs)),
              h("dt", {}, "duration"),
              h("dd", {}, formatDuration(v.durationMs)),
            ),
            v.findings.length === 0 ? null : h("ul", { class: "findings" }, ...v.findings.map((f) => h("li", {}, f))),
          );
    const journal = h("vscode-button", { class: "open-journal", secondary: true }, icon("output"), " Open journal");
    journal.addEventListener("click", () => this.actions.openJournal(run.runId));
    const runbook = h("vscode-button", { class: "open-runbook", secondary: true, disabled: v === null }, icon("book"), " Review runbook edit");
    runbook.addEventListener("click", () => {
      if (v !== null) this.actions.openRunbook(run.runId);
    });
    const notes = run.notes.slice(-5).map((n) => h("li", { class: `note note-${n.level}` }, `${formatClock(n.at)} ${n.message}`));
    replaceChildren(
      this.root,
      h("header", {}, h("strong", { class: "run-title" }, `${run.experimentId}: ${run.title}`), run.dryRun ? h("vscode-badge", {}, "dry run") : null, h("code", { class: "run-id" }, run.runId)),
      phases,
      verdict,
      h("h3", {}, "Faults"),
      run.faults.length === 0 ? h("p", { class: "empty" }, "None planned yet.") : faults,
      h("h3", {}, "Expectations"),
      run.expectations.length === 0 ? h("p", { class: "empty" }, "None evaluated yet.") : expectations,
      notes.length === 0 ? null : h("ul", { class: "notes" }, ...notes),
      h("div", { class: "run-links" }, journal, runbook),
    );
  }
}
