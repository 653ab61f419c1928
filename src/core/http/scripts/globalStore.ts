/**
 * The values scripts put in `client.global`: they last for the run (or the editor session) and feed
 * `{{name}}` in later requests. The variable resolver reads them through `get`/`has`/`entries`.
 */
export interface GlobalVariables {
  get(name: string): string | undefined;
  has(name: string): boolean;
  entries(): IterableIterator<[string, string]>;
}

export class GlobalStore implements GlobalVariables {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<(name: string | undefined) => void>();

  get(name: string): string | undefined { return this.values.get(name); }
  has(name: string): boolean { return this.values.has(name); }
  entries(): IterableIterator<[string, string]> { return this.values.entries(); }
  get size(): number { return this.values.size; }

  /** Stores a value as text (objects as JSON), the way JetBrains' client.global does. */
  set(name: string, value: unknown): void {
    this.values.set(name, toText(value));
    this.changed(name);
  }

  delete(name: string): void {
    if (this.values.delete(name)) this.changed(name);
  }

  clear(): void {
    this.values.clear();
    this.changed(undefined);
  }

  /** Calls `listener` after each change (name, or undefined after clear); returns an unsubscribe function. */
  onDidChange(listener: (name: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(name: string | undefined): void {
    for (const l of [...this.listeners]) l(name);
  }
}

export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    try { return JSON.stringify(value); } catch { return String(value); }
  }
  return String(value);
}
