import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The one HTML builder for every ApiHook panel: a strict CSP with a fresh nonce per render, the
 * panel's script and CSS through `asWebviewUri`, and the initial state embedded as escaped JSON
 * (so captured text such as `</script>` can never end the script element).
 */
export function buildWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  opts: { script: string; title: string; initialState?: unknown; styles?: string[]; /** extra img-src sources, e.g. ['https:'] */ imgSrc?: string[] },
): string {
  const nonce = randomBytes(18).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', `${opts.script}.js`));
  const styles = ['media/webview.css', ...(opts.styles ?? [])].map((s) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, s)));
  const csp = [
    "default-src 'none'",
    `img-src ${[webview.cspSource, 'data:', 'blob:', ...(opts.imgSrc ?? [])].join(' ')}`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "frame-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const state = escapeJsonForScript(JSON.stringify(opts.initialState ?? null));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((s) => `<link rel="stylesheet" href="${s}">`).join('\n')}
<title>${escapeHtml(opts.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" id="initial-state" type="application/json">${state}</script>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

/** JSON that is safe inside a <script> element: no `<`, `>`, `&`, U+2028/9 left as is. */
export function escapeJsonForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
