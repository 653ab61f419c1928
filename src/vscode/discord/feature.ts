import * as vscode from 'vscode';
import { UserFacingError } from '../../core/common/errors';
import { findSample } from '../../core/discord/samples';
import { maskWebhookUrl } from '../../core/discord/url';
import type { DiscordPreviewRenderState } from '../../shared/protocol/discordPreview';
import { registerCommands } from '../commands/registry';
import type { Feature, FeatureDeps } from '../feature';
import { DiscordCommandIds as Ids } from './commandIds';
import { findDiscordRequests } from './httpDiscord';
import { HttpDiscordWatcher } from './httpPreview';
import { discordRequestText } from './newRequestText';
import { DiscordPreviewPanel } from './previewPanel';
import { RecentSends, type SendRecord } from './recentSends';
import { SavedWebhooks, validateWebhookName } from './savedWebhooks';
import { DiscordSendFlow, type SendArgs } from './sendSample';
import { askName, askUrl, emulatorPath } from './targets';
import { DiscordTree, type DiscordNode } from './tree';

/** What the integration tests read (extension exports → testing.discord). */
export interface DiscordTestApi {
  lastSend(): { sampleId: string; target: string; status: SendRecord['status']; httpStatus?: number; messageId?: string; errors?: string[] } | undefined;
  recentSends(): Array<Omit<SendRecord, 'ref' | 'payload'>>;
  savedWebhooks(): string[];
  previewState(): DiscordPreviewRenderState | undefined;
  /** the source line of what the extension last sent to the open preview */
  previewSource(): string | undefined;
  /** titles of the quick picks the send flow has shown, in order */
  pickersShown(): string[];
  /** the Discord view's items as shown, depth first */
  treeItems(): Promise<Array<{ label: string; description: string; contextValue?: string }>>;
  diagnostics(uri: vscode.Uri | string): Array<{ line: number; character: number; message: string; code?: string; severity: string }>;
}

/** Builds and wires the discord feature: send samples, saved webhooks, recent sends, preview, .http diagnostics. */
export function registerDiscordFeature({ context, log }: FeatureDeps): Feature<DiscordTestApi> {
  const saved = new SavedWebhooks(context.secrets, context.globalState);
  const recent = new RecentSends(context.workspaceState);
  const preview = new DiscordPreviewPanel(context.extensionUri);
  const flow = new DiscordSendFlow(saved, recent, preview, log);
  const watcher = new HttpDiscordWatcher(preview);
  const tree = new DiscordTree(saved, recent);

  const webhookName = async (node?: DiscordNode): Promise<string | undefined> => {
    if (node?.type === 'webhook') return node.name;
    const names = saved.names();
    if (!names.length) throw new UserFacingError('No Discord webhook is saved yet.', 'discord.none-saved', 'Add one in the Discord view (ApiHook: Add Discord Webhook).');
    return vscode.window.showQuickPick(names, { title: 'Saved Discord webhooks' });
  };

  const commands = registerCommands(Ids, {
    [Ids.sendSample]: (args?: SendArgs) => flow.run(args ?? {}),
    [Ids.sendSampleTo]: async (node?: DiscordNode) => {
      const name = await webhookName(node);
      return name ? flow.run({ target: { savedName: name } }) : undefined;
    },
    [Ids.preview]: async (args?: { sampleId?: string }) => {
      const editor = vscode.window.activeTextEditor;
      // in an .http file with Discord requests: the one under the cursor; anywhere else: pick a sample
      if (!args?.sampleId && editor?.document.languageId === 'http' && findDiscordRequests(editor.document.getText()).length) return watcher.previewAtCursor(editor);
      const sample = args?.sampleId ? findSample(args.sampleId) : await flow.pickSample('Preview Discord sample');
      if (args?.sampleId && !sample) throw new UserFacingError(`There is no Discord sample "${args.sampleId}".`, 'discord.unknown-sample');
      if (sample) flow.previewSample(sample);
    },
    [Ids.newRequest]: async (args?: { sampleId?: string; preview?: boolean }) => {
      const sample = args?.sampleId ? findSample(args.sampleId) : await flow.pickSample('New Discord request: message');
      if (!sample) return undefined;
      const port = vscode.workspace.getConfiguration('apihook.webhook').get<number>('port') || 8787;
      const text = discordRequestText(sample, flow.build(sample), `http://127.0.0.1:${port}${emulatorPath()}`);
      const doc = await vscode.workspace.openTextDocument({ language: 'http', content: text });
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
      const line = text.split('\n').findIndex((l) => l.startsWith('POST '));
      editor.selection = new vscode.Selection(line, 0, line, 0);
      if (args?.preview !== false && !text.includes('multipart/form-data')) watcher.previewAtCursor(editor);
      return doc.uri.toString();
    },
    [Ids.addWebhook]: async (args?: { name?: string; url?: string }) => {
      const url = args?.url ?? await askUrl();
      if (!url) return;
      const name = args?.name ?? await askName(saved);
      if (!name) return;
      await saved.save(name, url);
      void vscode.window.showInformationMessage(`Discord webhook "${name}" saved (${maskWebhookUrl(url)}); the URL is kept in SecretStorage.`);
    },
    [Ids.renameWebhook]: async (node?: DiscordNode, newName?: string) => {
      const from = await webhookName(node);
      if (!from) return;
      const problem = newName === undefined ? undefined : validateWebhookName(saved, newName, from);
      if (problem) throw new UserFacingError(problem, 'discord.bad-name');
      const to = newName?.trim() ?? await askName(saved, from);
      if (to) await saved.rename(from, to);
    },
    [Ids.removeWebhook]: async (node?: DiscordNode, opts?: { confirm?: boolean }) => {
      const name = await webhookName(node);
      if (!name) return;
      const ok = opts?.confirm === false ? 'Remove' : await vscode.window.showWarningMessage(`Remove the saved Discord webhook "${name}"? The URL is deleted from SecretStorage; the webhook itself stays on Discord.`, { modal: true }, 'Remove');
      if (ok === 'Remove') await saved.remove(name);
    },
    [Ids.copyMaskedUrl]: async (node?: DiscordNode) => {
      const name = await webhookName(node);
      const masked = name ? await saved.masked(name) : undefined;
      if (masked) await vscode.env.clipboard.writeText(masked);
    },
    [Ids.copyUrl]: async (node?: DiscordNode) => {
      const name = await webhookName(node);
      if (!name) return;
      const ok = await vscode.window.showWarningMessage(`The URL of "${name}" contains the webhook token: anyone who has it can post to the channel. Copy it anyway?`, { modal: true }, 'Copy URL');
      const url = ok === 'Copy URL' ? await saved.url(name) : undefined;
      if (url) await vscode.env.clipboard.writeText(url);
    },
    [Ids.editLastMessage]: (arg?: { recordId?: number; content?: string } | DiscordNode) =>
      flow.editLast(arg && 'type' in arg ? (arg.type === 'recent' ? { recordId: arg.id } : undefined) : arg),
    [Ids.deleteMessage]: (arg?: { recordId?: number; confirm?: boolean } | DiscordNode) =>
      flow.deleteMessage(arg && 'type' in arg ? (arg.type === 'recent' ? arg : undefined) : arg),
    [Ids.openRecent]: (node?: DiscordNode) => {
      const r = node?.type === 'recent' ? recent.get(node.id) : recent.last();
      if (!r?.payload) throw new UserFacingError('The message of this send is no longer kept (payloads are kept until VS Code reloads).', 'discord.payload-gone');
      preview.show({ payload: r.payload, source: `Sent: ${r.sampleTitle} → ${r.target}`, issues: r.status === 'sent' ? [] : (r.errors ?? []).map((e) => ({ path: '', message: e })) });
    },
    [Ids.clearRecent]: () => recent.clear(),
  }, log);

  const testApi: DiscordTestApi = {
    lastSend: () => {
      const r = recent.last();
      return r && { sampleId: r.sampleId, target: r.target, status: r.status, httpStatus: r.httpStatus, messageId: r.messageId, errors: r.errors };
    },
    recentSends: () => recent.all().map(({ ref: _r, payload: _p, ...rest }) => rest),
    savedWebhooks: () => saved.names(),
    previewState: () => preview.lastState,
    previewSource: () => preview.shownSource,
    pickersShown: () => [...flow.pickersShown],
    treeItems: async () => {
      const out: Array<{ label: string; description: string; contextValue?: string }> = [];
      const walk = async (node?: DiscordNode): Promise<void> => {
        for (const child of tree.getChildren(node)) {
          const item = await tree.getTreeItem(child);
          const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
          out.push({ label, description: String(item.description ?? ''), contextValue: item.contextValue });
          await walk(child);
        }
      };
      await walk();
      return out;
    },
    diagnostics: (uri) => vscode.languages.getDiagnostics(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)
      .filter((d) => d.source === 'ApiHook Discord')
      .map((d) => ({ line: d.range.start.line, character: d.range.start.character, message: d.message, code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code), severity: vscode.DiagnosticSeverity[d.severity] })),
  };

  return {
    disposables: [saved, recent, preview, watcher, tree, vscode.window.registerTreeDataProvider('apihook.discord', tree), ...commands],
    testApi,
  };
}
