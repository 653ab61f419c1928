import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HttpDocument } from '../../core/http/model';
import { parseHttp } from '../../core/http/parse';
import { discoverRequests, requestKeysByLine, type DiscoveredRequest } from './discovery';

const FILES = '**/*.{http,rest}';
const EXCLUDE = '**/{node_modules,.git,dist,out}/**';
const SEP = '::';

/** What a Test Explorer item stands for. */
export type ItemData =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'request'; uri: vscode.Uri; key: string }
  | { kind: 'test'; uri: vscode.Uri; requestKey: string; key: string };

/** One .http file as parsed for the Test Explorer (and for a run, so items and results agree). */
export interface FileSnapshot {
  uri: vscode.Uri;
  text: string;
  document: HttpDocument;
  requests: DiscoveredRequest[];
  /** key of every request (tests or not) by request line */
  keys: Map<number, string>;
}

export function isHttpFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /\.(http|rest)$/i.test(uri.path);
}

export const requestId = (uri: vscode.Uri, key: string) => `${uri.toString()}${SEP}${key}`;
export const testId = (uri: vscode.Uri, requestKey: string, key: string) => `${requestId(uri, requestKey)}${SEP}${key}`;

/**
 * The Test Explorer's items: a file item per .http/.rest file that has a request with tests, a child
 * per such request (range = the request), a grandchild per `client.test` found in its handlers.
 * The workspace is scanned on the first `resolveHandler` call; files are watched from then on and
 * open documents follow every edit.
 */
export class HttpTestTree implements vscode.Disposable {
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly snapshots = new Map<string, FileSnapshot>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private scanned: Promise<void> | undefined;

  constructor(private readonly controller: vscode.TestController) {
    const onDoc = (doc: vscode.TextDocument, delay: number) => {
      if (!isHttpFile(doc.uri) || (!this.scanned && !this.snapshots.has(doc.uri.toString()))) return;
      this.schedule(doc.uri, delay);
    };
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => onDoc(e.document, 300)),
      vscode.workspace.onDidSaveTextDocument((d) => onDoc(d, 0)),
    );
  }

  dataOf(item: vscode.TestItem): ItemData | undefined {
    return this.data.get(item);
  }

  snapshot(uri: vscode.Uri): FileSnapshot | undefined {
    return this.snapshots.get(uri.toString());
  }

  /** Finds every .http/.rest file of the workspace once, then watches them. */
  resolveAll(): Promise<void> {
    this.scanned ??= (async () => {
      const watcher = vscode.workspace.createFileSystemWatcher(FILES);
      this.disposables.push(watcher,
        watcher.onDidCreate((u) => this.schedule(u, 0)),
        watcher.onDidChange((u) => this.schedule(u, 0)),
        watcher.onDidDelete((u) => this.remove(u)));
      const files = await vscode.workspace.findFiles(FILES, EXCLUDE, 5000);
      files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      await Promise.all(files.map((f) => this.sync(f)));
    })();
    return this.scanned;
  }

  /** Finds the files again (the Testing view's refresh button): new ones appear, gone ones disappear. */
  async refresh(): Promise<void> {
    await this.resolveAll();
    const files = await vscode.workspace.findFiles(FILES, EXCLUDE, 5000);
    const keep = new Set(files.map((f) => f.toString()));
    for (const k of [...this.snapshots.keys()]) if (!keep.has(k)) this.remove(vscode.Uri.parse(k));
    await Promise.all(files.map((f) => this.sync(f)));
  }

  private schedule(uri: vscode.Uri, delay: number): void {
    const k = uri.toString();
    clearTimeout(this.pending.get(k));
    this.pending.set(k, setTimeout(() => { this.pending.delete(k); void this.sync(uri).catch(() => undefined); }, delay));
  }

  private remove(uri: vscode.Uri): void {
    this.snapshots.delete(uri.toString());
    this.controller.items.delete(uri.toString());
  }

  /** Parses the file again (the open document's text when it is open) and updates its items. */
  async sync(uri: vscode.Uri): Promise<FileSnapshot | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.remove(uri);
      return undefined;
    }
    const document = parseHttp(text);
    const readFile = async (f: string) => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(f)));
    const requests = await discoverRequests(document, uri.fsPath, text, readFile);
    const snap: FileSnapshot = { uri, text, document, requests, keys: requestKeysByLine(document) };
    this.snapshots.set(uri.toString(), snap);
    this.apply(snap);
    return snap;
  }

  private apply(snap: FileSnapshot): void {
    const { uri } = snap;
    if (!snap.requests.length) {
      this.controller.items.delete(uri.toString());
      return;
    }
    let file = this.controller.items.get(uri.toString());
    if (!file) {
      file = this.controller.createTestItem(uri.toString(), path.basename(uri.fsPath), uri);
      this.data.set(file, { kind: 'file', uri });
      this.controller.items.add(file);
    }
    file.description = vscode.workspace.asRelativePath(uri, false).split('/').slice(0, -1).join('/') || undefined;
    const children: vscode.TestItem[] = [];
    snap.requests.forEach((r, i) => {
      const id = requestId(uri, r.key);
      const item = file.children.get(id) ?? this.controller.createTestItem(id, r.label, uri);
      this.data.set(item, { kind: 'request', uri, key: r.key });
      item.label = r.label;
      item.range = new vscode.Range(r.block.range.startLine, 0, r.block.range.endLine, 0);
      item.sortText = String(i).padStart(5, '0');
      const checks = [r.assertions ? `${r.assertions} assertion${r.assertions > 1 ? 's' : ''}` : '', r.tests.length ? `${r.tests.length} client.test` : ''].filter(Boolean).join(', ');
      item.description = `${r.block.method} ${r.block.url}${checks ? ` · ${checks}` : ''}`;
      const tests = r.tests.map((t, j) => {
        const tid = testId(uri, r.key, t.key);
        const testUri = vscode.Uri.file(t.file);
        const existing = item.children.get(tid);
        const ti = existing && existing.uri?.toString() === testUri.toString() ? existing : this.controller.createTestItem(tid, t.name, testUri);
        this.data.set(ti, { kind: 'test', uri, requestKey: r.key, key: t.key });
        ti.range = new vscode.Range(t.line, 0, t.line, 0);
        ti.sortText = String(j).padStart(5, '0');
        return ti;
      });
      item.children.replace(tests);
      children.push(item);
    });
    file.children.replace(children);
  }

  /**
   * The item for a `client.test` that was not found in the source (a computed name), created under
   * its request during a run.
   */
  dynamicTest(request: vscode.TestItem, key: string, name: string, file: string, line: number): vscode.TestItem {
    const d = this.data.get(request);
    if (!d || d.kind !== 'request') throw new Error('dynamicTest needs a request item');
    const id = testId(d.uri, d.key, key);
    const existing = request.children.get(id);
    if (existing) return existing;
    const item = this.controller.createTestItem(id, name, vscode.Uri.file(file));
    item.range = new vscode.Range(line, 0, line, 0);
    item.sortText = String(request.children.size).padStart(5, '0');
    this.data.set(item, { kind: 'test', uri: d.uri, requestKey: d.key, key });
    request.children.add(item);
    return item;
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
