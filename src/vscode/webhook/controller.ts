import * as vscode from 'vscode';
import { createDiscordEmulator } from '../../core/discord/emulator';
import { Emitter } from '../../core/common/event';
import {
  CaptureStore, PortInUseError, WebhookListener, sendCapture, verifySignature,
  type CaptureEvent, type CaptureMeta, type ForwardResult, type SignatureResult, type WebhookRulesConfig,
} from '../../core/webhook';
import type { Responder } from '../../core/webhook/responder';
import type { CaptureRow, ListenerInfo } from '../../shared/protocol/captures';
import { isLoopbackHost, readListenerSettings, readRules } from './settings';
import type { WebhookSecrets } from './secrets';

export type RowsChange =
  | { kind: 'append'; row: CaptureRow }
  | { kind: 'update'; row: CaptureRow }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'reset' };

const FORWARD_KEY = 'apihook.webhook.forwardTo';

/**
 * Owns the webhook listener and the capture store for the editor: start/stop with the settings of
 * the moment, the rows (summaries) the tree, status bar and panel show, replay results, forwarding.
 * The store opens lazily (first view or start) in workspace storage, so captures survive reloads.
 */
export class WebhookController implements vscode.Disposable {
  private listener: WebhookListener | undefined;
  private listenerSubs: vscode.Disposable[] = [];
  private store: CaptureStore | undefined;
  private storeOpening: Promise<CaptureStore> | undefined;
  /** oldest first (Map keeps insertion order) */
  private readonly rows = new Map<string, CaptureRow>();
  private readonly replays = new Map<string, ForwardResult>();
  /** signatures checked again after a secret was set (memory only; the store keeps the first result) */
  private readonly rechecked = new Map<string, SignatureResult>();
  private rules: WebhookRulesConfig = {};
  private starting: Promise<string | undefined> | undefined;
  /** the last start refused because the port was taken (the tests read it) */
  lastPortConflict: { port: number; freePort?: number } | undefined;

  private readonly _onDidChangeRows = new Emitter<RowsChange>();
  readonly onDidChangeRows = this._onDidChangeRows.event;
  private readonly _onDidChangeState = new Emitter<ListenerInfo>();
  readonly onDidChangeState = this._onDidChangeState.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly secrets: WebhookSecrets,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get info(): ListenerInfo {
    return { running: !!this.listener?.isRunning, url: this.listener?.url, forwardTo: this.forwardTo };
  }
  get url(): string | undefined { return this.listener?.url; }
  get port(): number | undefined { return this.listener?.port; }
  get forwardTo(): string | undefined { return this.context.workspaceState.get<string>(FORWARD_KEY); }
  get endpoints(): WebhookRulesConfig['endpoints'] { return this.rules.endpoints ?? []; }
  get currentRules(): WebhookRulesConfig { return this.rules; }
  get count(): number { return this.rows.size; }

  /** Rows newest first. */
  rowsNewestFirst(limit = Infinity): CaptureRow[] {
    const all = [...this.rows.values()];
    const out: CaptureRow[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) out.push(all[i]);
    return out;
  }
  rowsOldestFirst(): CaptureRow[] { return [...this.rows.values()]; }
  row(id: string): CaptureRow | undefined { return this.rows.get(id); }
  replayOf(id: string): ForwardResult | undefined { return this.replays.get(id); }
  recheckedSignature(id: string): SignatureResult | undefined { return this.rechecked.get(id); }

  /**
   * After a secret is set for an endpoint or provider, checks the captures that had no secret (or
   * failed) for it again, so the panel and the tree show the new result at once.
   */
  async recheckSignatures(name: string): Promise<number> {
    const store = await this.openStore();
    let n = 0;
    for (const row of [...this.rows.values()]) {
      const sig = row.signature;
      if (!sig || sig.valid === true || (sig.provider !== name && row.endpoint !== name)) continue;
      const meta = await store.get(row.id);
      const body = await store.getBody(row.id);
      if (!meta || !body) continue;
      const secret = (meta.endpoint ? await this.secrets.getSecret(meta.endpoint) : undefined) ?? (await this.secrets.getSecret(sig.provider as string));
      const result = verifySignature(sig.provider as SignatureResult['provider'], { method: meta.method, url: meta.url, rawHeaders: meta.rawHeaders, body }, secret);
      this.rechecked.set(row.id, result);
      row.signature = result;
      this._onDidChangeRows.fire({ kind: 'update', row });
      n++;
    }
    return n;
  }

  /** Opens the store once (workspace storage, else global storage) and loads its rows. */
  openStore(): Promise<CaptureStore> {
    if (this.store) return Promise.resolve(this.store);
    this.storeOpening ??= (async () => {
      const base = this.context.storageUri ?? this.context.globalStorageUri;
      const dir = vscode.Uri.joinPath(base, 'webhook-captures');
      await vscode.workspace.fs.createDirectory(dir);
      const s = readListenerSettings();
      const store = await CaptureStore.open({ dir: dir.fsPath, maxCount: s.maxCaptures, maxBytes: s.maxBytes, logger: this.log });
      if (store.loadReport.skipped) this.log.warn(`capture store: skipped ${store.loadReport.skipped} unreadable record(s)${store.loadReport.tornTail ? ' (torn last record)' : ''}`);
      for (const meta of await store.list()) this.rows.set(meta.id, toRow(meta));
      this.store = store;
      this._onDidChangeRows.fire({ kind: 'reset' });
      return store;
    })();
    return this.storeOpening;
  }

  private rulesLoaded: Promise<WebhookRulesConfig> | undefined;

  /** The rules, read once on first use (the tree shows the endpoints even before a start). */
  ensureRules(): Promise<WebhookRulesConfig> {
    this.rulesLoaded ??= this.reloadRules();
    return this.rulesLoaded;
  }

  async reloadRules(): Promise<WebhookRulesConfig> {
    const { config, problems } = await readRules();
    this.rules = config;
    for (const p of problems) this.log.warn(`webhook rules: ${p}`);
    if (problems.length) void vscode.window.showWarningMessage(`ApiHook: ${problems.length} problem(s) in the webhook rules: ${problems[0]}`, 'Show Log').then((p) => { if (p) this.log.show(true); });
    this.listener?.setRules(config);
    this.listener?.setResponders(this.responders());
    return config;
  }

  /** Starts the listener (trusted workspaces only); resolves to its URL, or undefined when not started. */
  start(opts: { port?: number } = {}): Promise<string | undefined> {
    if (this.listener?.isRunning) return Promise.resolve(this.listener.url);
    this.starting ??= this.doStart(opts).finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async doStart(opts: { port?: number }): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('ApiHook: the webhook listener starts only in a trusted workspace. Trust this folder (Manage Workspace Trust) to capture webhooks.', 'Manage Workspace Trust')
        .then((p) => { if (p) void vscode.commands.executeCommand('workbench.trust.manage'); });
      return undefined;
    }
    const s = readListenerSettings();
    const port = opts.port ?? s.port;
    if (!isLoopbackHost(s.host)) {
      const go = 'Listen on ' + s.host;
      const pick = await vscode.window.showWarningMessage(
        `The setting apihook.webhook.host is '${s.host}': other machines on your network will be able to send requests to the listener and read its replies.`,
        { modal: true, detail: 'The default, 127.0.0.1, only accepts requests from this machine. Use a tunnel (ngrok, cloudflared) to receive webhooks from the internet instead.' },
        go,
      );
      if (pick !== go) return undefined;
    }
    const store = await this.openStore();
    await this.reloadRules();
    const listener = new WebhookListener({
      host: s.host, port, maxBodyBytes: s.maxBodyBytes, rules: this.rules, secrets: this.secrets,
      sink: store, forwardTo: this.forwardTo, logger: this.log, responders: this.responders(s),
    });
    try {
      await listener.start();
    } catch (e) {
      listener.dispose();
      if (e instanceof PortInUseError) {
        // Not awaited: the command ends now; the offer stays in the notification.
        this.lastPortConflict = { port: e.port, freePort: e.freePort };
        const free = 'Use a free port';
        void vscode.window.showErrorMessage(`ApiHook: ${e.message} ${e.hint ?? ''} (setting apihook.webhook.port)`, free, 'Open Settings').then(async (pick) => {
          if (pick === free) {
            const url = await this.start({ port: 0 });
            if (url) void vscode.window.showInformationMessage(`ApiHook: the webhook listener took the free port ${this.port}: ${url}`);
          } else if (pick === 'Open Settings') {
            void vscode.commands.executeCommand('workbench.action.openSettings', 'apihook.webhook.port');
          }
        });
        return undefined;
      }
      throw e;
    }
    this.listener = listener;
    this.listenerSubs = [
      listener.onDidCapture((e) => this.onCapture(e)),
      listener.onDidForward(({ id, result }) => {
        const row = this.rows.get(id);
        if (row) this._onDidChangeRows.fire({ kind: 'update', row });
        if (!result.ok) this.log.warn(`forward of capture ${id} to ${result.url} failed: ${result.error}`);
      }),
    ];
    this.log.info(`webhook listener started on ${listener.url}`);
    this._onDidChangeState.fire(this.info);
    return listener.url;
  }

  async stop(): Promise<void> {
    const l = this.listener;
    if (!l) return;
    this.listener = undefined;
    for (const d of this.listenerSubs.splice(0)) d.dispose();
    await l.stop();
    l.dispose();
    await this.store?.flush();
    this.log.info('webhook listener stopped');
    this._onDidChangeState.fire(this.info);
  }

  async setForwardTo(url: string | undefined): Promise<void> {
    await this.context.workspaceState.update(FORWARD_KEY, url);
    this.listener?.setForwardTo(url);
    this._onDidChangeState.fire(this.info);
  }

  async capture(id: string): Promise<{ meta: CaptureMeta; body: Buffer } | undefined> {
    const store = await this.openStore();
    const meta = await store.get(id);
    if (!meta) return undefined;
    return { meta, body: (await store.getBody(id)) ?? Buffer.alloc(0) };
  }

  async meta(id: string): Promise<CaptureMeta | undefined> {
    return (await this.openStore()).get(id);
  }

  /** Every capture's metadata, oldest first (no bodies). */
  async metas(): Promise<CaptureMeta[]> {
    return (await this.openStore()).list();
  }

  async body(id: string): Promise<Buffer | undefined> {
    return (await this.openStore()).getBody(id);
  }

  /** Captures (all, or those ids) with bodies, oldest first. */
  async *withBodies(ids?: string[]): AsyncGenerator<{ meta: CaptureMeta; body: Buffer }> {
    yield* (await this.openStore()).withBodies(ids);
  }

  async replay(id: string, target: string): Promise<ForwardResult | undefined> {
    const c = await this.capture(id);
    if (!c) return undefined;
    const result = await sendCapture(c.meta, c.body, target);
    this.replays.set(id, result);
    const row = this.rows.get(id);
    if (row) this._onDidChangeRows.fire({ kind: 'update', row });
    return result;
  }

  async delete(ids: string[]): Promise<void> {
    const store = await this.openStore();
    const gone = ids.filter((id) => store.delete(id));
    for (const id of gone) { this.rows.delete(id); this.replays.delete(id); this.rechecked.delete(id); }
    if (gone.length) this._onDidChangeRows.fire({ kind: 'remove', ids: gone });
  }

  async clear(): Promise<void> {
    const store = await this.openStore();
    await store.clear();
    this.rows.clear();
    this.replays.clear();
    this.rechecked.clear();
    this._onDidChangeRows.fire({ kind: 'reset' });
  }

  private onCapture(e: CaptureEvent): void {
    const row = toRow(e.meta);
    this.rows.set(row.id, row);
    this._onDidChangeRows.fire({ kind: 'append', row });
    // The store drops the oldest captures past its bounds: drop their rows too.
    const store = this.store;
    if (!store || this.rows.size <= store.size) return;
    const evicted: string[] = [];
    for (const id of this.rows.keys()) {
      if (this.rows.size - evicted.length <= store.size) break;
      if (!store.has(id)) evicted.push(id);
    }
    for (const id of evicted) this.rows.delete(id);
    if (evicted.length) this._onDidChangeRows.fire({ kind: 'remove', ids: evicted });
  }

  private responders(s = readListenerSettings()): Responder[] {
    if (!s.discord.enabled) return [];
    return [createDiscordEmulator({ knownWebhookIds: s.discord.knownWebhookIds, rateLimit: s.discord.rateLimit }).responder];
  }

  dispose(): void {
    const l = this.listener;
    this.listener = undefined;
    for (const d of this.listenerSubs.splice(0)) d.dispose();
    l?.dispose();
    this.store?.dispose();
    this._onDidChangeRows.dispose();
    this._onDidChangeState.dispose();
  }
}

export function toRow(meta: CaptureMeta): CaptureRow {
  return {
    id: meta.id, method: meta.method, url: meta.url, receivedAt: meta.receivedAt, status: meta.reply.status,
    bodySize: meta.bodySize, rejected: meta.rejected !== undefined, signature: meta.signature, endpoint: meta.endpoint,
  };
}
