import type { IDisposable } from './disposable';

/** A subscription function shaped like VS Code's `Event<T>`, so core events plug straight into the editor. */
export type Event<T> = (listener: (e: T) => void, thisArg?: unknown, disposables?: IDisposable[]) => IDisposable;

/** Fires events to listeners; a listener that throws is reported to `onListenerError` and does not stop the others. */
export class Emitter<T> implements IDisposable {
  private listeners = new Set<(e: T) => void>();
  private disposed = false;

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener, thisArg, disposables) => {
    const bound = thisArg ? listener.bind(thisArg) : listener;
    if (!this.disposed) this.listeners.add(bound);
    const sub = { dispose: () => { this.listeners.delete(bound); } };
    disposables?.push(sub);
    return sub;
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try { l(e); } catch (err) { this.onListenerError(err); }
    }
  }

  get hasListeners(): boolean { return this.listeners.size > 0; }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
