/** Something that holds a resource until disposed; the same shape as VS Code's Disposable. */
export interface IDisposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return { dispose: () => { if (!done) { done = true; fn(); } } };
}

/** Disposes each registered item once, newest first; a throwing item does not stop the rest. */
export class DisposableStore implements IDisposable {
  private readonly items: IDisposable[] = [];
  private disposed = false;

  get isDisposed(): boolean { return this.disposed; }

  add<T extends IDisposable>(item: T): T {
    if (this.disposed) { item.dispose(); return item; }
    this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try { item.dispose(); } catch (e) { errors.push(e); }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed`);
  }
}

/** Base class for objects that own other disposables: `this._register(x)` ties x's life to this. */
export abstract class Disposable implements IDisposable {
  private readonly store = new DisposableStore();

  protected _register<T extends IDisposable>(item: T): T {
    return this.store.add(item);
  }

  protected get isDisposed(): boolean { return this.store.isDisposed; }

  dispose(): void {
    this.store.dispose();
  }
}
