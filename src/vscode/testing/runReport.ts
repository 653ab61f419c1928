import * as vscode from 'vscode';
import type { Problem, TestState } from './outcomes';

/** A result as the integration tests read it (`lastRun()`): state and messages with 0-based lines. */
export interface ItemRecord {
  label: string;
  state: TestState | 'started' | 'enqueued';
  duration?: number;
  messages: Array<{ message: string; file: string; line: number; expected?: string; actual?: string }>;
}

export interface RunRecord {
  /** by test item id */
  items: Record<string, ItemRecord>;
  output: string;
  finished: boolean;
}

function toMessage(p: Problem): vscode.TestMessage {
  const m = p.expected !== undefined || p.actual !== undefined
    ? vscode.TestMessage.diff(p.message, p.expected ?? '', p.actual ?? '')
    : new vscode.TestMessage(p.message);
  m.location = new vscode.Location(vscode.Uri.file(p.file), new vscode.Position(p.line, 0));
  return m;
}

/** Reports to a `vscode.TestRun` and keeps a copy of what it reported, for the test API. */
export class RunReport {
  readonly record: RunRecord = { items: {}, output: '', finished: false };

  constructor(readonly run: vscode.TestRun) {}

  private entry(item: vscode.TestItem): ItemRecord {
    return (this.record.items[item.id] ??= { label: item.label, state: 'enqueued', messages: [] });
  }

  enqueued(item: vscode.TestItem): void {
    this.entry(item).state = 'enqueued';
    this.run.enqueued(item);
  }

  started(item: vscode.TestItem): void {
    this.entry(item).state = 'started';
    this.run.started(item);
  }

  result(item: vscode.TestItem, state: TestState, problems: Problem[], duration?: number): void {
    const e = this.entry(item);
    e.state = state;
    e.duration = duration;
    e.messages = problems.map((p) => ({ message: p.message, file: p.file, line: p.line, ...(p.expected !== undefined ? { expected: p.expected } : {}), ...(p.actual !== undefined ? { actual: p.actual } : {}) }));
    const messages = problems.map(toMessage);
    if (state === 'passed') this.run.passed(item, duration);
    else if (state === 'skipped') this.run.skipped(item);
    else if (state === 'errored') this.run.errored(item, messages.length ? messages : new vscode.TestMessage('error'), duration);
    else this.run.failed(item, messages, duration);
  }

  /** Appends text (lines separated by '\n') to the run's output, as CRLF for the terminal. */
  output(text: string, location?: { file: string; line: number }, item?: vscode.TestItem): void {
    const crlf = `${text.replace(/\r?\n/g, '\r\n')}\r\n`;
    this.record.output += `${text}\n`;
    const loc = location ? new vscode.Location(vscode.Uri.file(location.file), new vscode.Position(location.line, 0)) : undefined;
    this.run.appendOutput(crlf, loc, item);
  }

  /** Marks as skipped every item that was queued but got no result (cancelled, or never reached). */
  skipUnfinished(items: Iterable<vscode.TestItem>, why: string): void {
    for (const item of items) {
      const e = this.record.items[item.id];
      if (e && e.state !== 'enqueued' && e.state !== 'started') continue;
      this.result(item, 'skipped', []);
      this.entry(item).messages = [{ message: why, file: item.uri?.fsPath ?? '', line: item.range?.start.line ?? 0 }];
    }
  }

  end(): void {
    this.record.finished = true;
    this.run.end();
  }
}
