import * as vscode from 'vscode';
import { maskWebhookUrl, normalizeWebhookUrl } from '../../core/discord/url';

const NAMES_KEY = 'apihook.discord.webhookNames';
const secretKey = (name: string) => `apihook.discord.webhook:${name}`;

/**
 * Saved Discord webhooks. The URL carries the webhook token, so it lives ONLY in SecretStorage under
 * the name the user chose; the list of names (not secret) is kept in global state for the tree.
 * Nothing here logs or returns a URL unmasked except `url(name)`, which the sender and "Copy URL" use.
 */
export class SavedWebhooks implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;
  /** the source of truth once loaded; the memento only persists it (its in-memory copy can lag behind concurrent updates) */
  private list: string[];

  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {
    this.list = [...(state.get<string[]>(NAMES_KEY) ?? [])];
    this.sub = secrets.onDidChange((e) => { if (e.key.startsWith('apihook.discord.webhook:')) this.changed.fire(); });
  }

  names(): string[] {
    return [...this.list].sort((a, b) => a.localeCompare(b));
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  /** The real URL (with the token). Callers must never log or display it. */
  async url(name: string): Promise<string | undefined> {
    return this.secrets.get(secretKey(name));
  }

  async masked(name: string): Promise<string | undefined> {
    const url = await this.url(name);
    return url === undefined ? undefined : maskWebhookUrl(url);
  }

  /** Saves (or replaces) `name`; the URL is normalised first, so a bad one throws before anything is stored. */
  async save(name: string, url: string): Promise<void> {
    const clean = normalizeWebhookUrl(url, { allowLoopback: true });
    await this.secrets.store(secretKey(name), clean);
    if (!this.has(name)) await this.setNames([...this.list, name]);
    this.changed.fire();
  }

  async rename(from: string, to: string): Promise<void> {
    if (from === to) return;
    const url = await this.url(from);
    if (url === undefined) throw new Error(`No saved Discord webhook named "${from}".`);
    await this.secrets.store(secretKey(to), url);
    await this.secrets.delete(secretKey(from));
    await this.setNames([...this.list.filter((n) => n !== from && n !== to), to]);
    this.changed.fire();
  }

  async remove(name: string): Promise<void> {
    await this.setNames(this.list.filter((n) => n !== name));
    await this.secrets.delete(secretKey(name));
    this.changed.fire();
  }

  private async setNames(names: string[]): Promise<void> {
    this.list = names;
    await this.state.update(NAMES_KEY, names);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** Checks a name typed for a webhook: not empty, not too long, not taken (unless it is `current`). */
export function validateWebhookName(store: SavedWebhooks, name: string, current?: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Give the webhook a name, e.g. "team-alerts".';
  if (n.length > 60) return 'Keep the name under 60 characters.';
  if (n !== current && store.has(n)) return `A webhook named "${n}" is already saved.`;
  return undefined;
}
