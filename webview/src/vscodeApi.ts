/** The part of the webview API the page uses; tests and the bench harness supply their own. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
