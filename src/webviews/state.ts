/** Reads the JSON the extension embedded in the page (see src/vscode/webview/html.ts). */
export function readInitialState<T>(): T | null {
  const el = document.getElementById('initial-state');
  if (!el?.textContent) return null;
  try { return JSON.parse(el.textContent) as T; } catch { return null; }
}

/** Creates an element with text content only: captured and received data is never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; title?: string } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  for (const c of children) e.append(c);
  return e;
}
