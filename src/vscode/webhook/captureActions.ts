import * as path from 'node:path';
import * as vscode from 'vscode';
import { toCurl } from '../../core/http/curlExport';
import { captureToOutgoing, toHar, toHttpText, type ForwardResult } from '../../core/webhook';
import type { WebhookController } from './controller';
import type { WebhookNode } from './tree';
import { ageOf } from './tree';

const LAST_TARGET_KEY = 'apihook.webhook.lastReplayUrl';

/** What a capture command may be called with: a tree node, an id, or nothing (then it asks). */
export type CaptureArg = WebhookNode | string | undefined;

/** The capture commands' bodies: replay, forward, exports, delete. Thin: the work is in core. */
export class CaptureActions {
  /** the text of the last `.http` export (the tests read it) */
  lastHttpExport: string | undefined;
  lastCurl: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly controller: WebhookController,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The capture id a command was called for; asks with a quick pick when none was given. */
  async idOf(arg: CaptureArg, verb: string): Promise<string | undefined> {
    if (typeof arg === 'string') return arg;
    if (arg && arg.kind === 'capture') return arg.row.id;
    await this.controller.openStore();
    const rows = this.controller.rowsNewestFirst(500);
    if (rows.length === 0) { void vscode.window.showInformationMessage('ApiHook: no captures yet. Start the webhook listener and send it a request.'); return undefined; }
    const pick = await vscode.window.showQuickPick(rows.map((r) => ({ label: `${r.method} ${r.url}`, description: `#${r.id} · ${ageOf(r.receivedAt)} · ${r.status}`, id: r.id })), { title: `${verb}: pick a capture` });
    return pick?.id;
  }

  get lastTarget(): string | undefined { return this.context.workspaceState.get<string>(LAST_TARGET_KEY); }

  /** Resends a capture to an app; asks for the URL (default: the last one used). */
  async replay(arg: CaptureArg, target?: string): Promise<ForwardResult | undefined> {
    const id = await this.idOf(arg, 'Replay');
    if (!id) return undefined;
    let url = target;
    if (!url) {
      url = await vscode.window.showInputBox({
        title: `Replay capture #${id} to…`,
        prompt: 'Your app\'s URL. Without a path (http://localhost:3000) the capture\'s own path and query are kept.',
        value: this.lastTarget ?? 'http://localhost:3000',
        validateInput: (v) => (/^(https?:\/\/)?[^\s/]+/i.test(v.trim()) ? undefined : 'Enter a URL such as http://localhost:3000/webhooks'),
      });
      if (!url) return undefined;
    }
    url = url.trim();
    await this.context.workspaceState.update(LAST_TARGET_KEY, url);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Replaying capture #${id} to ${url}` }, () => this.controller.replay(id, url as string));
    if (!result) throw new Error(`capture #${id} is no longer in the store`);
    this.log.info(`replay #${id} to ${result.url}: ${result.ok ? result.status : result.error} (${result.timeMs} ms)`);
    const open = 'Show Response';
    const msg = result.ok ? `ApiHook: replayed #${id} to ${result.url}: the app answered ${result.status} in ${result.timeMs} ms.` : `ApiHook: replay of #${id} failed: ${result.error}`;
    const shown = result.ok && (result.status ?? 500) < 400 ? vscode.window.showInformationMessage(msg, open) : vscode.window.showWarningMessage(msg, open);
    void shown.then((p) => { if (p === open) void vscode.commands.executeCommand('apihook.webhook.openCapture', id, 'replay'); });
    return result;
  }

  /** Toggles auto-forwarding of every new capture (like `stripe listen --forward-to`). */
  async toggleForward(target?: string | null): Promise<string | undefined> {
    const current = this.controller.forwardTo;
    if (target === null || (target === undefined && current)) {
      if (target === undefined) {
        const stop = `Stop forwarding to ${current}`;
        const change = 'Forward somewhere else…';
        const pick = await vscode.window.showQuickPick([stop, change], { title: 'Forward Captures' });
        if (!pick) return current;
        if (pick === stop) { await this.controller.setForwardTo(undefined); void vscode.window.showInformationMessage('ApiHook: captures are no longer forwarded.'); return undefined; }
      } else { await this.controller.setForwardTo(undefined); return undefined; }
    }
    let url = target ?? undefined;
    if (!url) {
      url = await vscode.window.showInputBox({ title: 'Forward every new capture to…', prompt: 'Your app\'s URL; without a path the capture\'s own path is kept.', value: current ?? this.lastTarget ?? 'http://localhost:3000' });
      if (!url) return current;
    }
    await this.controller.setForwardTo(url.trim());
    void vscode.window.showInformationMessage(`ApiHook: every new capture is forwarded to ${url.trim()}${this.controller.info.running ? '' : ' once the listener runs'}.`);
    return url.trim();
  }

  /** Opens the capture as an untitled `.http` document (run it with the request runner). */
  async exportHttp(arg: CaptureArg): Promise<string | undefined> {
    const id = await this.idOf(arg, 'Export as .http');
    if (!id) return undefined;
    const c = await this.mustGet(id);
    const exp = toHttpText(c.meta, c.body, { baseUrl: this.lastTarget && /^https?:\/\/[^/]+\/?$/.test(this.lastTarget) ? this.lastTarget : undefined });
    let text = exp.text;
    if (exp.bodyFile) {
      // An untitled document has no folder: write the side file to storage and refer to it by absolute path.
      const dir = vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, 'exports');
      await vscode.workspace.fs.createDirectory(dir);
      const file = vscode.Uri.joinPath(dir, exp.bodyFile.name);
      await vscode.workspace.fs.writeFile(file, exp.bodyFile.data);
      text = text.replace(`< ./${exp.bodyFile.name}`, `< ${file.fsPath}`);
    }
    this.lastHttpExport = text;
    const doc = await vscode.workspace.openTextDocument({ language: 'http', content: text });
    await vscode.window.showTextDocument(doc, { preview: false });
    return text;
  }

  async copyCurl(arg: CaptureArg): Promise<string | undefined> {
    const id = await this.idOf(arg, 'Copy as cURL');
    if (!id) return undefined;
    const c = await this.mustGet(id);
    const curl = toCurl(captureToOutgoing(c.meta, c.body));
    this.lastCurl = curl;
    await vscode.env.clipboard.writeText(curl);
    void vscode.window.setStatusBarMessage(`ApiHook: capture #${id} copied as cURL`, 3000);
    return curl;
  }

  /**
   * Saves captures as HAR: the tree's selection (`selected`), one capture, or all; `target` skips the
   * save dialog (tasks and tests).
   */
  async exportHar(arg?: CaptureArg | { ids?: string[]; target?: vscode.Uri }, selected?: WebhookNode[]): Promise<vscode.Uri | undefined> {
    let ids: string[] | undefined;
    let target: vscode.Uri | undefined;
    if (selected?.length) ids = selected.flatMap((n) => (n.kind === 'capture' ? [n.row.id] : []));
    else if (typeof arg === 'string') ids = [arg];
    else if (arg && 'kind' in arg) ids = arg.kind === 'capture' ? [arg.row.id] : undefined;
    else if (arg) { ids = arg.ids; target = arg.target; }
    await this.controller.openStore();
    const count = ids?.length ?? this.controller.count;
    if (count === 0) { void vscode.window.showInformationMessage('ApiHook: no captures to export.'); return undefined; }
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({
        title: `Export ${count} capture(s) as HAR`,
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'captures.har') : undefined,
        filters: { HAR: ['har'], JSON: ['json'] },
      });
      if (!target) return undefined;
    }
    const captures = [];
    for await (const c of this.controller.withBodies(ids)) captures.push(c);
    const har = toHar(captures, { name: 'ApiHook', version: String(this.context.extension.packageJSON.version) });
    await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(har, null, 2), 'utf8'));
    void vscode.window.showInformationMessage(`ApiHook: ${captures.length} capture(s) saved to ${path.basename(target.fsPath)}.`);
    return target;
  }

  async delete(arg: CaptureArg, selected?: WebhookNode[]): Promise<void> {
    const ids = selected?.length ? selected.flatMap((n) => (n.kind === 'capture' ? [n.row.id] : [])) : [await this.idOf(arg, 'Delete')].filter((x): x is string => !!x);
    if (ids.length) await this.controller.delete(ids);
  }

  async clear(confirm = true): Promise<void> {
    await this.controller.openStore();
    if (this.controller.count === 0) return;
    if (confirm) {
      const yes = 'Clear All';
      const pick = await vscode.window.showWarningMessage(`Delete all ${this.controller.count} captured requests?`, { modal: true }, yes);
      if (pick !== yes) return;
    }
    await this.controller.clear();
  }

  private async mustGet(id: string): Promise<{ meta: import('../../core/webhook').CaptureMeta; body: Buffer }> {
    const c = await this.controller.capture(id);
    if (!c) throw new Error(`capture #${id} is no longer in the store (deleted or dropped as the oldest).`);
    return c;
  }
}
