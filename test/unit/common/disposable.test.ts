import * as assert from 'node:assert/strict';
import { Disposable, DisposableStore, toDisposable } from '../../../src/core/common/disposable';
import { Emitter } from '../../../src/core/common/event';

describe('DisposableStore', () => {
  it('disposes newest first, once, and keeps going past a throwing item', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push('a')));
    store.add(toDisposable(() => { order.push('b'); throw new Error('boom'); }));
    store.add(toDisposable(() => order.push('c')));
    assert.throws(() => store.dispose(), /boom/);
    store.dispose();
    assert.deepEqual(order, ['c', 'b', 'a']);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    store.add(toDisposable(() => { disposed = true; }));
    assert.equal(disposed, true);
  });

  it('Disposable subclasses tie registered items to their own life', () => {
    let n = 0;
    class Owner extends Disposable {
      constructor() { super(); this._register(toDisposable(() => n++)); this._register(toDisposable(() => n++)); }
    }
    const o = new Owner();
    o.dispose();
    o.dispose();
    assert.equal(n, 2);
  });
});

describe('Emitter', () => {
  it('delivers to every listener, reports a throwing one, and stops after dispose', () => {
    const errors: unknown[] = [];
    const em = new Emitter<number>((e) => errors.push(e));
    const seen: number[] = [];
    em.event(() => { throw new Error('listener failed'); });
    const sub = em.event((n) => seen.push(n));
    em.fire(1);
    sub.dispose();
    em.fire(2);
    assert.deepEqual(seen, [1]);
    assert.equal(errors.length, 2);
    em.dispose();
    assert.equal(em.hasListeners, false);
  });
});
