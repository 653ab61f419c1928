import * as vscode from 'vscode';
import type { CapturesPanelState, DetailTab, FilterField } from '../../shared/protocol/captures';
import { registerCommands } from '../commands/registry';
import type { Feature, FeatureDeps } from '../feature';
import { CaptureActions, type CaptureArg } from './captureActions';
import { CapturePanel } from './capturePanel';
import { WebhookCommandIds as Ids } from './commandIds';
import { WebhookController } from './controller';
import { WebhookSecrets } from './secrets';
import { RULES_FILE, readListenerSettings } from './settings';
import { WebhookStatusBar } from './statusBar';
import { WebhookTree, type WebhookNode } from './tree';
import { copyPublicUrl } from './publicUrl';

/** What the integration tests read through the extension's exports (`testing.webhook`). */
export interface WebhookTestApi {
  listenerUrl(): string | undefined;
  captures(): Array<{ id: string; method: string; path: string; signature?: { provider: string; valid: boolean | null } }>;
  /** the kinds of the tree's top-level nodes ([] shows the view's welcome text) */
  treeRoots(): Promise<string[]>;
  /** the capture nodes of the tree as the view shows them */
  treeItems(): Promise<Array<{ label: string; description: string; icon: string; tooltip: string }>>;
  panelState(): CapturesPanelState | undefined;
  /** resolves once the webview reports a state that passes `ok` */
  waitForPanel(ok: (s: CapturesPanelState) => boolean, ms?: number): Promise<CapturesPanelState>;
  selectInPanel(id: string, tab?: DetailTab): void;
  setPanelFilter(field: FilterField, text: string): void;
  /** presses "Show all" in the panel's body tab */
  showWholeBody(): void;
  /** messages posted to the panel so far, by type */
  panelMessages(): Record<string, number>;
  exportedHttp(): string | undefined;
  lastCurl(): string | undefined;
  scriptsExecuted(): number;
  statusBarText(): string | undefined;
  lastPortConflict(): { port: number; freePort?: number } | undefined;
}

/** Builds and wires the webhook feature: listener controller, tree, status bar, capture panel, commands. */
export function registerWebhookFeature({ context, log }: FeatureDeps): Feature<WebhookTestApi> {
  const secrets = new WebhookSecrets(context.secrets);
  const controller = new WebhookController(context, secrets, log);
  const actions = new CaptureActions(context, controller, log);
  const tree = new WebhookTree(controller);
  const treeView = vscode.window.createTreeView('apihook.webhooks', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: false });
  const statusBar = new WebhookStatusBar(controller);
  const runAction = (action: string, id: string): Thenable<unknown> => {
    const cmd = { replay: Ids.replayCapture, exportHttp: Ids.exportCaptureHttp, copyCurl: Ids.copyCaptureCurl, delete: Ids.deleteCapture, setSecret: Ids.setSigningSecret }[action];
    if (!cmd) return Promise.resolve();
    if (action === 'setSecret') {
      const row = controller.row(id);
      return vscode.commands.executeCommand(cmd, row?.endpoint ?? row?.signature?.provider);
    }
    return vscode.commands.executeCommand(cmd, id);
  };
  const panel = new CapturePanel(context.extensionUri, controller, runAction, log);

  const setRunningContext = (): void => { void vscode.commands.executeCommand('setContext', 'apihook.webhook.running', controller.info.running); };
  const ensureRunning = async (): Promise<string | undefined> => controller.url ?? (await controller.start());

  const disposables: vscode.Disposable[] = [
    controller, tree, treeView, statusBar, panel,
    controller.onDidChangeState(setRunningContext),
    ...registerCommands(Ids, {
      [Ids.startListener]: async (port?: number) => {
        const url = await controller.start(typeof port === 'number' ? { port } : {});
        if (url) void vscode.window.setStatusBarMessage(`ApiHook: webhook listener on ${url}`, 4000);
        return url;
      },
      [Ids.stopListener]: () => controller.stop(),
      [Ids.copyListenerUrl]: async (node?: WebhookNode) => {
        const base = await ensureRunning();
        if (!base) return undefined;
        const url = node?.kind === 'endpoint' ? base + node.path : base;
        await vscode.env.clipboard.writeText(url);
        void vscode.window.setStatusBarMessage(`ApiHook: copied ${url}`, 3000);
        return url;
      },
      [Ids.copyPublicUrl]: async () => {
        const url = await ensureRunning();
        return url ? copyPublicUrl(url, controller.port ?? 0) : undefined;
      },
      [Ids.setSigningSecret]: async (target?: string | WebhookNode, value?: string) => {
        const rules = await controller.reloadRules();
        const name = typeof target === 'string' ? target : target?.kind === 'endpoint' ? target.name : undefined;
        const saved = await secrets.prompt(rules, name, value);
        if (!saved) return undefined;
        const rechecked = await controller.recheckSignatures(saved);
        void vscode.window.setStatusBarMessage(`ApiHook: signing secret for ${saved} saved in SecretStorage${rechecked ? `; ${rechecked} capture(s) checked again` : ''}.`, 4000);
        return saved;
      },
      [Ids.openCapturesPanel]: () => panel.show(),
      [Ids.openCapture]: async (arg?: CaptureArg, tab?: DetailTab) => {
        const id = typeof arg === 'string' ? arg : arg?.kind === 'capture' ? arg.row.id : undefined;
        // From a tree's context menu the second argument is the selection, not a tab.
        panel.show(id ? { id, tab: typeof tab === 'string' ? tab : undefined } : undefined);
      },
      [Ids.replayCapture]: (arg?: CaptureArg, target?: unknown) => actions.replay(arg, typeof target === 'string' ? target : undefined),
      [Ids.forwardCaptures]: (target?: unknown) => actions.toggleForward(typeof target === 'string' || target === null ? target : undefined),
      [Ids.exportCaptureHttp]: (arg?: CaptureArg) => actions.exportHttp(arg),
      [Ids.copyCaptureCurl]: (arg?: CaptureArg) => actions.copyCurl(arg),
      [Ids.exportCapturesHar]: (arg?: CaptureArg | { ids?: string[]; target?: vscode.Uri }, selected?: WebhookNode[]) => actions.exportHar(arg, selected),
      [Ids.deleteCapture]: (arg?: CaptureArg, selected?: WebhookNode[]) => actions.delete(arg, selected),
      [Ids.clearCaptures]: (confirm?: unknown) => actions.clear(confirm !== false),
      [Ids.refreshWebhooks]: async () => { await controller.reloadRules(); tree.refresh(); },
    }, log),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('apihook.webhook.endpoints') || e.affectsConfiguration('apihook.webhook.rules') || e.affectsConfiguration('apihook.discord.emulator')) {
        void controller.reloadRules().then(() => tree.refresh());
      }
      if (controller.info.running && (e.affectsConfiguration('apihook.webhook.port') || e.affectsConfiguration('apihook.webhook.host') || e.affectsConfiguration('apihook.webhook.maxBodyBytes'))) {
        void vscode.window.showInformationMessage('ApiHook: the webhook listener uses the new port, host or size limit after a restart.', 'Restart').then(async (p) => {
          if (p) { await controller.stop(); await controller.start(); }
        });
      }
    }),
  ];
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${RULES_FILE}`);
  const reload = (): void => { void controller.reloadRules().then(() => tree.refresh()); };
  disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
  setRunningContext();

  const autoStart = (): void => {
    if (!readListenerSettings().autoStart || !vscode.workspace.isTrusted) return;
    void controller.start().catch((e) => log.error(`webhook listener auto-start failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  autoStart();
  disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(autoStart));

  const testApi: WebhookTestApi = {
    listenerUrl: () => controller.url,
    captures: () => controller.rowsNewestFirst().map((r) => ({
      id: r.id, method: r.method, path: r.url.split('?')[0],
      signature: r.signature ? { provider: r.signature.provider, valid: r.signature.valid } : undefined,
    })),
    treeRoots: async () => (await tree.getChildren()).map((n) => n.kind),
    treeItems: async () => {
      const roots = await tree.getChildren();
      const captures = roots.find((n) => n.kind === 'captures');
      const nodes = captures ? await tree.getChildren(captures) : [];
      return nodes.map((n) => {
        const item = tree.getTreeItem(n);
        const tip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
        return { label: String(item.label), description: String(item.description ?? ''), icon: (item.iconPath as vscode.ThemeIcon | undefined)?.id ?? '', tooltip: tip };
      });
    },
    panelState: () => panel.state,
    waitForPanel: (ok, ms = 15000) => new Promise((resolve, reject) => {
      if (panel.state && ok(panel.state)) { resolve(panel.state); return; }
      const timer = setTimeout(() => { sub.dispose(); reject(new Error(`the capture panel did not reach the expected state in ${ms} ms; last: ${JSON.stringify(panel.state)}`)); }, ms);
      const sub = panel.onDidReport((s) => { if (ok(s)) { clearTimeout(timer); sub.dispose(); resolve(s); } });
    }),
    selectInPanel: (id, tab) => panel.select(id, tab),
    setPanelFilter: (field, text) => panel.setFilter(field, text),
    showWholeBody: () => panel.showAll(),
    panelMessages: () => ({ ...panel.sent, appendedRows: panel.appendedRows }),
    exportedHttp: () => actions.lastHttpExport,
    lastCurl: () => actions.lastCurl,
    scriptsExecuted: () => panel.scriptsExecuted,
    statusBarText: () => statusBar.text,
    lastPortConflict: () => controller.lastPortConflict,
  };
  return { disposables, testApi };
}
