import { spawn, type ChildProcess } from "node:child_process";
import { get } from "node:http";
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stopProcess } from "../process/stopProcess.js";
import { Backoff } from "./backoff.js";
import type { ProgramSpec, SupervisorConfig } from "./config.js";
import type { LogLevel } from "./jsonLog.js";

type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/**
 * Keeps one child running the way the real restart runner does: restart on exit or when
 * its health URL stops answering, with back-off. The hold file is the lab's stand-in for
 * `systemctl stop`: while it exists the child is stopped and stays stopped.
 */
export class SupervisedProgram {
  private child: ChildProcess | undefined;
  private startedAt = 0;
  private healthySinceStart = false;
  private checking = false;
  private lastCheckAt = 0;
  /** When the next (re)start may happen; undefined while running or held. */
  private startAt: number | undefined = 0;
  /** Why the running child is being stopped; decides what its exit means. */
  private stopReason: "hold" | "health" | "shutdown" | undefined;
  private readonly backoff: Backoff;
  private readonly pidFile: string;
  readonly holdFile: string;

  constructor(
    private readonly spec: ProgramSpec,
    private readonly config: SupervisorConfig,
    private readonly log: Log,
  ) {
    this.backoff = new Backoff(config.backoffBaseMs, config.backoffFactor, config.backoffMaxMs, config.backoffResetMs);
    this.pidFile = join(config.runDir, `${spec.name}.pid`);
    this.holdFile = join(config.holdDir, `${spec.name}.stopped`);
  }

  /** Called every few hundred ms by the supervisor loop. */
  tick(now: number): void {
    if (this.stopReason !== undefined) return; // a stop is in progress
    if (existsSync(this.holdFile)) {
      if (this.child !== undefined) void this.stop("hold");
      else if (this.startAt !== undefined) {
        this.startAt = undefined;
        this.log("INFO", `${this.spec.name} held stopped by ${this.holdFile}`, { program: this.spec.name });
      }
      return;
    }
    if (this.child === undefined) {
      if (this.startAt === undefined) {
        this.log("INFO", `starting ${this.spec.name}: hold file removed`, { program: this.spec.name });
        this.startAt = now;
      }
      if (now >= this.startAt) this.start(now);
      return;
    }
    if (this.spec.healthUrl !== undefined && !this.checking && now - this.lastCheckAt >= this.config.healthIntervalMs) {
      void this.checkHealth(this.spec.healthUrl);
    }
  }

  async shutdown(): Promise<void> {
    this.startAt = undefined;
    if (this.child !== undefined) await this.stop("shutdown");
  }

  private start(now: number): void {
    mkdirSync(dirname(this.spec.outputLog), { recursive: true });
    const out = openSync(this.spec.outputLog, "a");
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ["ignore", out, out],
    });
    closeSync(out);
    this.child = child;
    this.startAt = undefined;
    this.startedAt = now;
    this.healthySinceStart = false;
    this.lastCheckAt = now;
    child.once("error", (err) => this.log("ERROR", `${this.spec.name} failed to start: ${err.message}`, { program: this.spec.name }));
    child.once("exit", (code, signal) => this.onExit(child, code, signal));
    if (child.pid !== undefined) {
      mkdirSync(this.config.runDir, { recursive: true });
      writeFileSync(this.pidFile, `${child.pid}\n`);
      this.log("INFO", `started ${this.spec.name}`, { program: this.spec.name, pid: child.pid });
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    rmSync(this.pidFile, { force: true });
    const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
    const reason = this.stopReason;
    this.stopReason = undefined;
    if (reason === "hold" || reason === "shutdown") {
      this.log("INFO", `stopped ${this.spec.name} (${reason === "hold" ? `hold file ${this.holdFile}` : "supervisor shutdown"})`, {
        program: this.spec.name,
        pid: child.pid,
      });
      this.startAt = reason === "hold" ? undefined : this.startAt;
      return;
    }
    const delay = this.backoff.next();
    this.startAt = Date.now() + delay;
    const cause = reason === "health" ? "failed health check" : how;
    this.log("WARNING", `restarting ${this.spec.name} after ${cause} (pid ${child.pid}), back-off ${delay} ms`, {
      program: this.spec.name,
      pid: child.pid,
      restart: this.backoff.consecutiveRestarts,
      delay_ms: delay,
    });
  }

  private async stop(reason: "hold" | "health" | "shutdown"): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    this.stopReason = reason;
    await stopProcess(pid, this.config.stopGraceMs);
  }

  private async checkHealth(url: string): Promise<void> {
    this.checking = true;
    const child = this.child;
    let failure: string | undefined;
    try {
      const status = await pollOnce(url, this.config.healthTimeoutMs);
      if (status !== 200) failure = `HTTP ${status}`;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    } finally {
      this.checking = false;
      this.lastCheckAt = Date.now();
    }
    if (child !== this.child || this.stopReason !== undefined) return; // the child changed meanwhile
    const now = Date.now();
    if (failure === undefined) {
      this.healthySinceStart = true;
      this.backoff.markHealthy(now);
      return;
    }
    this.backoff.markUnhealthy();
    // A fresh child gets time to bind its port before silence counts against it.
    if (!this.healthySinceStart && now - this.startedAt < this.config.startupGraceMs) return;
    this.log("WARNING", `${this.spec.name} health check failed: ${failure}`, { program: this.spec.name, pid: child?.pid, url });
    await this.stop("health");
  }
}

/**
 * One GET on a connection of its own, as the real runner's one-shot request makes. fetch
 * would reuse a pooled keep-alive socket, and a reset of that one socket (a network fault
 * coming or going, such as CT-04's delay proxy) would read as the dashboard failing.
 */
function pollOnce(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      res.once("end", () => (clearTimeout(timer), resolve(res.statusCode ?? 0)));
      res.once("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.once("error", (err) => (clearTimeout(timer), reject(err)));
  });
}
