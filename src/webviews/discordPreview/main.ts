import type { DiscordPreviewContent, FromDiscordPreview, ToDiscordPreview } from '../../shared/protocol/discordPreview';
import { el, readInitialState } from '../state';
import { readRenderedMessage, renderDiscordMessage } from './render';

/** The Discord preview panel: renders what the extension sends and reports what it rendered. */

declare function acquireVsCodeApi(): { postMessage(message: FromDiscordPreview): void };
const host = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function show(content: DiscordPreviewContent): void {
  const header = el('div', { className: 'toolbar dc-source' }, el('span', { className: 'muted', text: content.source }));
  const surface = el('div', { className: 'dc-surface' });
  const message = el('div', { className: 'dc-message-host' });
  surface.append(message);
  const issues = content.issues ?? [];
  const problems = el('div', { className: 'dc-issues' });
  if (content.parseError) problems.append(el('div', { className: 'status-err', text: `The body is not JSON: ${content.parseError}` }));
  if (issues.length) {
    problems.append(el('div', { className: 'status-err', text: `Discord would refuse this message (${issues.length} problem${issues.length === 1 ? '' : 's'}):` }));
    const list = el('ul');
    for (const i of issues) list.append(el('li', {}, el('code', { text: i.path || '(body)' }), ` ${i.message}`));
    problems.append(list);
  } else if (!content.parseError) {
    problems.append(el('div', { className: 'status-ok', text: 'Valid: Discord accepts this message.' }));
  }
  app.replaceChildren(header, surface, problems);
  renderDiscordMessage(message, content.payload, { attachments: content.attachments });
  host.postMessage({
    type: 'rendered',
    state: { ...readRenderedMessage(message), issueCount: issues.length, source: content.source },
  });
}

window.addEventListener('message', (e: MessageEvent<ToDiscordPreview>) => {
  if (e.data?.type === 'show') show(e.data.content);
});

const initial = readInitialState<DiscordPreviewContent>();
if (initial) show(initial);
host.postMessage({ type: 'ready' });
