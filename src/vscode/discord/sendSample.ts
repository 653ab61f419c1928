import * as vscode from 'vscode';
import { UserFacingError, describeError, isAbortError } from '../../core/common/errors';
import { defaultSampleContext, findSample, samples, type DiscordSample } from '../../core/discord/samples';
import { DiscordWebhookClient, type SendEvent } from '../../core/discord/send';
import type { OutgoingMessage } from '../../core/discord/types';
import { validatePayload } from '../../core/discord/validate';
import type { PreviewAttachment } from '../../shared/protocol/discordPreview';
import type { DiscordPreviewPanel } from './previewPanel';
import type { RecentSends, SendRecord, TargetRef } from './recentSends';
import type { SavedWebhooks } from './savedWebhooks';
import { pickTarget, refFromArg, resolveTarget, type TargetArg } from './targets';

/** Arguments of "Send Discord Sample" (tests and the tree pass them; without them the user picks). */
export interface SendArgs { sampleId?: string; target?: TargetArg; threadId?: string }

/**
 * "ApiHook: Send Discord Sample" and its follow-ups (edit, delete, preview). Builds the sample, checks
 * it with core's validator, sends it with `wait=true` through core's client (rate-limit waits shown in
 * the progress notification) and records the result in Recent sends. Targets are shown masked only.
 */
export class DiscordSendFlow {
  /** titles of the quick picks shown so far, in order (the integration tests wait on them) */
  readonly pickersShown: string[] = [];
  private counter = 0;
  private onEvent: ((e: SendEvent) => void) | undefined;
  /** one client for the session, so its rate-limit buckets carry over from send to send */
  private client: DiscordWebhookClient | undefined;

  constructor(
    private readonly saved: SavedWebhooks,
    private readonly recent: RecentSends,
    private readonly preview: DiscordPreviewPanel,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private get discord(): DiscordWebhookClient {
    this.client ??= new DiscordWebhookClient({ onEvent: (e) => this.onEvent?.(e) });
    return this.client;
  }

  /** Builds a sample's message; `count` (default) moves the session counter on, a preview only peeks at the next number. */
  build(sample: DiscordSample, threadId?: string, count = true): OutgoingMessage {
    const counter = count ? ++this.counter : this.counter + 1;
    return sample.build(defaultSampleContext({ workspace: vscode.workspace.name ?? 'my-project', counter, ...(threadId ? { threadId } : {}) }));
  }

  async run(args: SendArgs = {}): Promise<SendRecord | undefined> {
    requireTrust();
    const sample = args.sampleId ? findSample(args.sampleId) : await this.pickSample('Send Discord sample: message');
    if (!sample) {
      if (args.sampleId) throw new UserFacingError(`There is no Discord sample "${args.sampleId}".`, 'discord.unknown-sample', `Samples: ${samples.map((s) => s.id).join(', ')}.`);
      return undefined;
    }
    const ref = args.target ? refFromArg(args.target) : await pickTarget(this.saved, (title) => this.pickersShown.push(title));
    if (!ref) return undefined;
    const { target, label } = await resolveTarget(ref, this.saved);
    let threadId = args.threadId ?? target.threadId;
    if (sample.id === 'thread-reply' && !threadId && !args.target) {
      const typed = await vscode.window.showInputBox({
        title: 'Reply in a thread: thread id',
        prompt: 'Right-click the thread in Discord → Copy Thread ID (Developer Mode). Leave empty for an example id (fine for the local listener).',
        ignoreFocusOut: true,
        validateInput: (v) => (!v.trim() || /^\d{1,20}$/.test(v.trim()) ? undefined : 'A thread id is digits only.'),
      });
      if (typed === undefined) return undefined;
      threadId = typed.trim() || undefined;
    }
    const message = this.build(sample, threadId);
    const base = { sampleId: sample.id, sampleTitle: sample.title, target: label, targetKind: ref.kind, time: Date.now(), ref, payload: message.payload };

    const check = validatePayload(message.payload, { fileCount: message.files?.length ?? 0 });
    if (!check.ok) {
      const record = this.recent.add({ ...base, status: 'invalid', errors: check.issues.map((i) => `${i.path || '(body)'}: ${i.message}`) });
      this.report(record, message);
      return record;
    }

    let record: SendRecord;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Discord: sending "${sample.title}" to ${label}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          this.onEvent = (e) => {
            if (e.type === 'rate-limited') {
              const why = e.reason === '429' ? 'Discord answered 429' : e.reason === 'global' ? 'global rate limit' : 'bucket is empty';
              progress.report({ message: `rate limited (${why}${e.bucket ? `, bucket ${e.bucket}` : ''}): waiting ${(e.waitMs / 1000).toFixed(1)} s, then retrying…` });
              this.log.info(`discord: rate limited on ${sample.id} → ${label}: waiting ${e.waitMs} ms (${e.reason})`);
            }
          };
          try {
            return await this.discord.execute(target, message, { wait: true, signal: abort.signal });
          } finally {
            sub.dispose();
            this.onEvent = undefined;
          }
        },
      );
      record = this.recent.add({ ...base, status: 'sent', httpStatus: result.status, waitedMs: result.waitedMs, ...(result.message ? { messageId: result.message.id } : {}) });
    } catch (err) {
      if (isAbortError(err)) return undefined;
      record = this.recent.add({ ...base, status: 'failed', ...failureOf(err) });
    }
    this.log.info(`discord: ${sample.id} → ${label}: ${record.status}${record.messageId ? ` (message ${record.messageId})` : ''}${record.errors ? `: ${record.errors.join('; ')}` : ''}`);
    this.report(record, message);
    return record;
  }

  /** The notification after a send: message id and follow-ups, or the problems listed. */
  private report(record: SendRecord, message: OutgoingMessage): void {
    if (record.status === 'sent') {
      const waited = record.waitedMs ? ` (waited ${(record.waitedMs / 1000).toFixed(1)} s on rate limits)` : '';
      const actions = record.messageId ? ['Edit last message', 'Delete message', 'Open preview'] : ['Open preview'];
      void vscode.window.showInformationMessage(`Discord: "${record.sampleTitle}" sent to ${record.target}${record.messageId ? `, message ${record.messageId}` : ''}${waited}.`, ...actions).then((pick) => {
        if (pick === 'Edit last message') void vscode.commands.executeCommand('apihook.discord.editLastMessage', { recordId: record.id });
        if (pick === 'Delete message') void vscode.commands.executeCommand('apihook.discord.deleteMessage', { recordId: record.id });
        if (pick === 'Open preview') this.previewMessage(record.sampleTitle, message);
      });
      return;
    }
    const head = record.status === 'invalid' ? `Discord: "${record.sampleTitle}" was not sent, it breaks Discord's rules` : `Discord: sending "${record.sampleTitle}" to ${record.target} failed${record.httpStatus ? ` (${record.httpStatus})` : ''}`;
    void vscode.window.showErrorMessage(`${head}: ${(record.errors ?? []).join(' · ')}`, 'Open preview', 'Show Log').then((pick) => {
      if (pick === 'Open preview') this.previewMessage(record.sampleTitle, message, record.errors);
      if (pick === 'Show Log') this.log.show(true);
    });
  }

  previewMessage(title: string, message: OutgoingMessage, errors?: string[]): void {
    const check = validatePayload(message.payload, { fileCount: message.files?.length ?? 0 });
    this.preview.show({
      payload: message.payload,
      source: `Sample: ${title}`,
      attachments: (message.files ?? []).map((f): PreviewAttachment => ({ filename: f.name, size: f.data.length, ...(f.contentType.startsWith('image/') && f.data.length < 2_000_000 ? { dataUri: `data:${f.contentType};base64,${f.data.toString('base64')}` } : {}) })),
      issues: check.issues.length ? check.issues.map((i) => ({ path: i.path, message: i.message })) : (errors ?? []).map((e) => ({ path: '', message: e })),
    });
  }

  previewSample(sample: DiscordSample): void {
    this.previewMessage(sample.title, this.build(sample, undefined, false));
  }

  /** Sample quick pick; each item has a Preview button that shows it in the preview panel. */
  async pickSample(title: string): Promise<DiscordSample | undefined> {
    const previewButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('open-preview'), tooltip: 'Preview' };
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { sample: DiscordSample }>();
    qp.title = title;
    qp.placeholder = 'Pick a sample message (the eye button previews it as Discord shows it)';
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.items = samples.map((s) => ({ label: s.title, description: s.id, detail: s.description, sample: s, buttons: [previewButton] }));
    return new Promise((resolve) => {
      let picked: DiscordSample | undefined;
      qp.onDidTriggerItemButton((e) => this.previewSample(e.item.sample));
      qp.onDidChangeActive((items) => { if (this.preview.isOpen && items[0]) this.previewSample(items[0].sample); });
      qp.onDidAccept(() => { picked = qp.selectedItems[0]?.sample; qp.hide(); });
      qp.onDidHide(() => { qp.dispose(); resolve(picked); });
      this.pickersShown.push(title);
      qp.show();
    });
  }

  /** PATCH the message of a send (default: the last one that created a message) with new content. */
  async editLast(arg?: { recordId?: number; content?: string }): Promise<SendRecord | undefined> {
    requireTrust();
    const record = this.messageRecord(arg?.recordId);
    const { target, label } = await resolveTarget(record.ref as TargetRef, this.saved);
    const previous = typeof (record.payload as { content?: unknown } | undefined)?.content === 'string' ? String((record.payload as { content: string }).content) : '';
    const content = arg?.content ?? await vscode.window.showInputBox({ title: `Edit message ${record.messageId}`, prompt: 'New text of the message (embeds stay as they are)', value: previous, ignoreFocusOut: true });
    if (content === undefined) return undefined;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Discord: editing message ${record.messageId}` }, () => this.discord.editMessage(target, record.messageId as string, { content }));
    this.recent.update(record.id, { payload: { ...(record.payload as object), content } });
    void vscode.window.showInformationMessage(`Discord: message ${record.messageId} on ${label} edited${result.message?.edited_timestamp ? ` at ${result.message.edited_timestamp}` : ''}.`);
    return this.recent.get(record.id);
  }

  /** DELETE the message of a send (default: the last one that created a message), after asking. */
  async deleteMessage(arg?: { recordId?: number; confirm?: boolean } | { type: 'recent'; id: number }): Promise<boolean> {
    requireTrust();
    const id = arg && 'type' in arg ? arg.id : arg?.recordId;
    const record = this.messageRecord(id);
    const { target, label } = await resolveTarget(record.ref as TargetRef, this.saved);
    if (!(arg && 'confirm' in arg && arg.confirm === false)) {
      const ok = await vscode.window.showWarningMessage(`Delete Discord message ${record.messageId} ("${record.sampleTitle}") from ${label}?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return false;
    }
    await this.discord.deleteMessage(target, record.messageId as string);
    this.recent.update(record.id, { deleted: true });
    void vscode.window.showInformationMessage(`Discord: message ${record.messageId} deleted.`);
    return true;
  }

  private messageRecord(id?: number): SendRecord {
    const record = id !== undefined ? this.recent.get(id) : this.recent.all().find((r) => r.status === 'sent' && r.messageId && !r.deleted);
    if (!record?.messageId) throw new UserFacingError('There is no sent Discord message to change.', 'discord.no-message', 'Send a sample first (ApiHook: Send Discord Sample).');
    if (record.deleted) throw new UserFacingError(`Message ${record.messageId} was already deleted.`, 'discord.deleted');
    if (!record.ref) throw new UserFacingError(`ApiHook no longer knows where message ${record.messageId} was sent (a URL typed once is not kept after a reload).`, 'discord.unknown-target', 'Save webhooks under a name to edit or delete their messages later.');
    return record;
  }
}

function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError('Sending Discord messages is turned off in an untrusted workspace.', 'discord.untrusted', 'Trust this workspace (Workspaces: Manage Workspace Trust) to send.');
  }
}

/**
 * The problems of a failed send, read by shape: the sender runs in the lazily loaded engine bundle,
 * so its error classes are not the ones this bundle would test with `instanceof`.
 */
function failureOf(err: unknown): Pick<SendRecord, 'errors' | 'httpStatus'> {
  const e = err as { status?: unknown; issues?: unknown };
  const issues = Array.isArray(e?.issues) ? (e.issues as Array<{ path: string; message: string }>) : [];
  const httpStatus = typeof e?.status === 'number' ? e.status : undefined;
  const { message, hint } = describeError(err);
  const errors = issues.length ? issues.map((i) => `${i.path || '(body)'}: ${i.message}`) : [hint ? `${message.split('\n')[0]} ${hint}` : message.split('\n')[0]];
  return { errors, ...(httpStatus !== undefined ? { httpStatus } : {}) };
}
