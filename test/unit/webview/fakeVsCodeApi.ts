import type { VsCodeApi } from "../../../webview/src/vscodeApi";

/** Records what the page posts and keeps its state, as VS Code would. */
export class FakeVsCodeApi implements VsCodeApi {
  readonly posted: unknown[] = [];
  constructor(public state: unknown = undefined) {}
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  getState(): unknown {
    return this.state;
  }
  setState(state: unknown): void {
    this.state = state;
  }
}
