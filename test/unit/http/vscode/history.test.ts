import * as assert from 'node:assert/strict';
import { RequestHistory, toHistoryEntry, type HistoryMemento } from '../../../../src/vscode/http/history';

function memento(): HistoryMemento & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => { data.set(k, v); } };
}

describe('request history', () => {
  it('masks secrets in the URL and in header values', () => {
    const e = toHistoryEntry({
      label: 'login', method: 'POST', url: 'https://user:pw@h/x?api_key=k123&page=1', status: 200, durationMs: 12.6, uri: 'file:///a.http', line: 3, at: 1,
      headers: [['Set-Cookie', 'sid=abcdef; Path=/'], ['Content-Type', 'application/json'], ['X-Api-Key', 'zzz']],
    });
    const json = JSON.stringify(e);
    for (const secret of ['k123', 'abcdef', 'zzz', ':pw@']) assert.ok(!json.includes(secret), `${secret} is masked`);
    assert.match(e.url, /page=1/);
    assert.equal(e.durationMs, 13);
    assert.equal(e.statusText, '200');
  });

  it('keeps the newest 50, newest first', async () => {
    const m = memento();
    const h = new RequestHistory(m);
    for (let i = 0; i < 60; i++) await h.add(toHistoryEntry({ label: `r${i}`, method: 'GET', url: `http://h/${i}`, durationMs: 1, uri: 'u', line: 0, at: i }));
    const list = h.list();
    assert.equal(list.length, 50);
    assert.equal(list[0]!.label, 'r59');
    assert.equal(list[49]!.label, 'r10');
    await h.clear();
    assert.deepEqual(h.list(), []);
  });
});
