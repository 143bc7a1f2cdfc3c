/**
 * A tiny element builder. Text is always set as text nodes, never parsed as HTML, so log
 * lines, alert labels and camera errors from the stack cannot inject markup into the page.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A codicon glyph (the font comes from codicon.css, linked with the id vscode-elements expects). */
export function icon(name: string, label?: string): HTMLElement {
  return h("span", { class: `codicon codicon-${name}`, "aria-label": label, "aria-hidden": label === undefined ? "true" : undefined });
}
