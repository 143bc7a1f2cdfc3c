// Installs a jsdom window as the global browser environment for the page's modules.
// Imported first by every page test, before the modules under test (uPlot reads `window` when loaded).
import { JSDOM } from "jsdom";

const dom = new JSDOM('<!DOCTYPE html><html><body><main id="app"></main></body></html>', { pretendToBeVisual: true, url: "https://dashboard.test/" });
const win = dom.window;

/** Every 2D-context call a chart made, so tests can see the fault window being shaded. */
export const canvasCalls: { name: string; args: unknown[] }[] = [];

// jsdom has no canvas: a recording stand-in lets uPlot build and draw its charts.
function fakeContext(): unknown {
  const props: Record<string, unknown> = {};
  return new Proxy(props, {
    get(target, name: string) {
      if (name in target) return target[name];
      if (name === "measureText") return (text: string) => ({ width: text.length * 6 });
      return (...args: unknown[]) => {
        canvasCalls.push({ name, args });
      };
    },
    set(target, name: string, value: unknown) {
      target[name] = value;
      return true;
    },
  });
}
win.HTMLCanvasElement.prototype.getContext = function getContext() {
  return fakeContext() as CanvasRenderingContext2D;
} as unknown as typeof win.HTMLCanvasElement.prototype.getContext;
win.matchMedia = ((query: string) => ({ matches: false, media: query, addListener: () => undefined, removeListener: () => undefined, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof win.matchMedia;

// uPlot builds its paths as Path2D objects, which jsdom lacks too.
function FakePath2D(): object {
  return new Proxy({}, { get: () => () => undefined });
}

const g = globalThis as Record<string, unknown>;
g.Path2D = FakePath2D;
for (const key of ["window", "document", "navigator", "HTMLElement", "HTMLDetailsElement", "HTMLInputElement", "Node", "Element", "Event", "MouseEvent", "CustomEvent", "MessageEvent", "getComputedStyle", "matchMedia", "devicePixelRatio", "requestAnimationFrame", "cancelAnimationFrame", "customElements"]) {
  if (key === "navigator" && g.navigator !== undefined) continue;
  g[key] = (win as unknown as Record<string, unknown>)[key];
}
g.devicePixelRatio = 1;

export { dom };
