import * as assert from 'node:assert/strict';
import type { Entry } from '../../../src/core/webhook/store/load';
import { EntryTable } from '../../../src/core/webhook/store/entryTable';

const entry = (id: string): Entry => ({ id, bodySize: 0, recOff: -1, recLen: 0, bodyOff: -1, fwdOff: -1, fwdLen: 0, live: true });

describe('webhook EntryTable (the store\'s entries by id)', () => {
  it('finds numeric ids in order, late, far away and re-added, and any other id', () => {
    const t = new EntryTable();
    const ids = ['1', '2', '4', '3', 'abc', '007', '99999999', '', '-5', '1e3', '1234567890123456'];
    for (const id of ids) t.set(id, entry(id));
    assert.equal(t.size, ids.length);
    for (const id of ids) assert.equal(t.get(id)?.id, id, id);
    assert.equal(t.get('7'), undefined, "'007' is not '7'");
    assert.equal(t.get('5'), undefined);
    t.delete('3');
    assert.equal(t.get('3'), undefined);
    t.set('3', entry('3'));
    assert.equal(t.get('3')?.id, '3');
    t.delete('99999999');
    t.delete('abc');
    t.delete('nope');
    assert.equal(t.size, ids.length - 2);
    t.clear();
    assert.equal(t.size, 0);
    assert.equal(t.get('1'), undefined);
  });

  it('keeps every live entry while old ones go and its array moves on', () => {
    const t = new EntryTable();
    const live = new Set<string>();
    for (let i = 1; i <= 20_000; i++) {
      const id = String(i);
      t.set(id, entry(id)); live.add(id);
      if (i > 3000) { const old = String(i - 3000); t.delete(old); live.delete(old); }
      if (i % 997 === 0) { const late = String(i - 2500); t.delete(late); live.delete(late); t.set(late, entry(late)); live.add(late); }
    }
    assert.equal(t.size, live.size);
    for (const id of live) assert.equal(t.get(id)?.id, id);
    assert.equal(t.get('100'), undefined);
  });
});
