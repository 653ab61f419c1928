import * as vscode from 'vscode';

/** Where a send went, as the user chose it. A typed URL is kept in memory only, never persisted. */
export type TargetRef = { kind: 'saved'; name: string } | { kind: 'listener' } | { kind: 'url'; url: string };

export interface SendRecord {
  id: number;
  sampleId: string;
  sampleTitle: string;
  /** the target as shown: a saved name and masked URL, never a token */
  target: string;
  targetKind: TargetRef['kind'];
  /** 'sent': Discord took it; 'invalid': refused by validation before sending; 'failed': Discord or the network refused */
  status: 'sent' | 'invalid' | 'failed';
  httpStatus?: number;
  messageId?: string;
  /** "path: message" per problem, or the error's text */
  errors?: string[];
  waitedMs?: number;
  time: number;
  /** in memory only: to edit/delete the message and to preview what was sent */
  ref?: TargetRef;
  payload?: unknown;
  deleted?: boolean;
}

const KEY = 'apihook.discord.recentSends';
const MAX = 20;

/** The last 20 sends, newest first. Persisted without target refs or payloads (those stay in memory). */
export class RecentSends implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private records: SendRecord[];
  private nextId: number;

  constructor(private readonly state: vscode.Memento) {
    this.records = (state.get<SendRecord[]>(KEY) ?? []).slice(0, MAX);
    this.nextId = Math.max(0, ...this.records.map((r) => r.id)) + 1;
  }

  all(): readonly SendRecord[] {
    return this.records;
  }

  last(): SendRecord | undefined {
    return this.records[0];
  }

  get(id: number): SendRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  add(record: Omit<SendRecord, 'id'>): SendRecord {
    const r = { ...record, id: this.nextId++ };
    this.records = [r, ...this.records].slice(0, MAX);
    this.persist();
    return r;
  }

  update(id: number, patch: Partial<SendRecord>): void {
    this.records = this.records.map((r) => (r.id === id ? { ...r, ...patch } : r));
    this.persist();
  }

  clear(): void {
    this.records = [];
    this.persist();
  }

  private persist(): void {
    const plain = this.records.map(({ ref: _ref, payload: _payload, ...rest }) => rest);
    void this.state.update(KEY, plain);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
