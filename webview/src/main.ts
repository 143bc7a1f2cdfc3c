// The dashboard page's entry: the browser bundle built to dist/webview/main.js (+ main.css).
import "./zodJitless";
import "@vscode-elements/elements/dist/vscode-badge/index.js";
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-progress-ring/index.js";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import "uplot/dist/uPlot.min.css";
import "./main.css";
import { DashboardPage } from "./dashboardPage";
import type { VsCodeApi } from "./vscodeApi";

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const page = new DashboardPage(document.getElementById("app") ?? document.body, api);
window.addEventListener("message", (event: MessageEvent<unknown>) => page.receive(event.data));
window.addEventListener("error", (event) => api.postMessage({ type: "pageError", message: String(event.message).slice(0, 2000) }));
page.start();
