/**
 * The last sent requests (method, URL with secrets masked, status, time), persisted in the workspace
 * state. Secret header values are never stored. No `vscode` import: unit-tested in plain Node.
 */
import { maskHeaders, maskUrl } from '../../core/http/send/mask';

export const HISTORY_LIMIT = 50;
const KEY = 'apihook.history';

export interface HistoryEntry {
  id: string;
  /** epoch ms when it finished */
  at: number;
  label: string;
  method: string;
  /** secrets masked */
  url: string;
  status?: number;
  statusText: string;
  durationMs: number;
  error?: string;
  /** the .http document and the request line, to send it again */
  uri: string;
  line: number;
  name?: string;
  /** response headers, secret values masked */
  headers: Array<[string, string]>;
  size: number;
}

/** The part of VS Code's Memento the history needs. */
export interface HistoryMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface HistoryInput {
  label: string;
  method: string;
  url: string;
  status?: number;
  statusText?: string;
  durationMs: number;
  error?: string;
  uri: string;
  line: number;
  name?: string;
  headers?: Array<[string, string]>;
  size?: number;
  at: number;
}

/** A history entry with every secret masked. */
export function toHistoryEntry(x: HistoryInput): HistoryEntry {
  return {
    id: `${x.at.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    at: x.at,
    label: x.label.slice(0, 200),
    method: x.method,
    url: maskUrl(x.url),
    status: x.status,
    statusText: x.statusText ?? (x.status !== undefined ? String(x.status) : 'No response'),
    durationMs: Math.round(x.durationMs),
    error: x.error,
    uri: x.uri,
    line: x.line,
    name: x.name,
    headers: maskHeaders(x.headers ?? []),
    size: x.size ?? 0,
  };
}

export class RequestHistory {
  constructor(private readonly memento: HistoryMemento, private readonly limit = HISTORY_LIMIT) {}

  /** Newest first. */
  list(): HistoryEntry[] {
    const v = this.memento.get<HistoryEntry[]>(KEY);
    return Array.isArray(v) ? v : [];
  }

  async add(entry: HistoryEntry): Promise<void> {
    await this.memento.update(KEY, [entry, ...this.list()].slice(0, this.limit));
  }

  async clear(): Promise<void> {
    await this.memento.update(KEY, []);
  }
}
