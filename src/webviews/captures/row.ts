import type { CaptureRow } from '../../shared/protocol/captures';
import { el } from '../state';
import { ago } from './format';

/** One list row: signature mark, method, path and query, status, age. Text only. */
export function captureRow(row: CaptureRow, selected: boolean, onClick: () => void): HTMLElement {
  const r = el('div', { className: `row${selected ? ' selected' : ''}` });
  r.dataset.id = row.id;
  r.setAttribute('role', 'option');
  r.setAttribute('aria-selected', String(selected));
  const sig = row.signature;
  const [mark, cls, title] = !sig ? ['·', 'muted', 'no signature']
    : sig.valid === true ? ['✓', 'status-ok', `${sig.provider} signature valid`]
      : sig.valid === false ? ['✗', 'status-err', `${sig.provider} signature invalid`]
        : ['?', 'status-warn', `${sig.provider}: no secret configured`];
  r.append(
    el('span', { className: `sig ${cls}`, text: mark, title }),
    el('span', { className: `method m-${row.method.toLowerCase().replace(/[^a-z]/g, '')}`, text: row.method }),
    el('span', { className: 'path', text: row.url, title: row.url }),
    el('span', { className: `code ${row.status >= 400 ? 'status-err' : ''}`, text: String(row.status) }),
    el('span', { className: 'age muted', text: ago(row.receivedAt), title: new Date(row.receivedAt).toLocaleString() }),
  );
  r.addEventListener('click', onClick);
  return r;
}
