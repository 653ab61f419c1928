import * as vscode from 'vscode';
import type { RequestBlock } from '../../core/http/model';
import { parseHttp } from '../../core/http/parse';
import { Disposable } from '../../core/common/disposable';
import { Emitter } from '../../core/common/event';
import { requestLabel } from './symbols';

export type RequestsNode =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'request'; uri: vscode.Uri; request: RequestBlock };

const FILES = '**/*.{http,rest}';
const EXCLUDE = '**/{node_modules,.git,dist,out}/**';

/**
 * The Requests view: every .http/.rest file in the workspace, each with its requests. A file is
 * parsed again only when it changed on disk (or its open document changed version).
 */
export class RequestsTree extends Disposable implements vscode.TreeDataProvider<RequestsNode> {
  private readonly changed = this._register(new Emitter<RequestsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private files: vscode.Uri[] | undefined;
  private readonly parsed = new Map<string, { stamp: string; requests: RequestBlock[] }>();
  /** how many files were parsed, for tests of "no re-parse of unchanged files" */
  parseCount = 0;

  constructor(private readonly sendCommand: string) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(FILES));
    this._register(watcher.onDidCreate(() => this.refresh(true)));
    this._register(watcher.onDidDelete((u) => { this.parsed.delete(u.toString()); this.refresh(true); }));
    this._register(watcher.onDidChange(() => this.refresh(false)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => { if (d.languageId === 'http') this.refresh(false); }));
  }

  refresh(filesChanged: boolean): void {
    if (filesChanged) this.files = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: RequestsNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.workspace.asRelativePath(node.uri, false).split('/').slice(0, -1).join('/') || undefined;
      item.contextValue = 'apihook.requestFile';
      return item;
    }
    const r = node.request;
    const item = new vscode.TreeItem(requestLabel(r), vscode.TreeItemCollapsibleState.None);
    item.description = r.name || r.title ? `${r.method} ${r.url}` : undefined;
    item.tooltip = `${r.method} ${r.url}\n${vscode.workspace.asRelativePath(node.uri)}:${r.requestLine + 1}`;
    item.iconPath = new vscode.ThemeIcon('arrow-right');
    item.contextValue = 'apihook.request';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: new vscode.Range(r.requestLine, 0, r.requestLine, 0) }] };
    return item;
  }

  async getChildren(node?: RequestsNode): Promise<RequestsNode[]> {
    if (!node) {
      this.files ??= (await vscode.workspace.findFiles(FILES, EXCLUDE, 2000)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      return this.files.map((uri) => ({ kind: 'file', uri }));
    }
    if (node.kind === 'request') return [];
    return (await this.requestsOf(node.uri)).map((request) => ({ kind: 'request', uri: node.uri, request }));
  }

  /** The parse of a file: from the open document when there is one, from disk otherwise; reused while unchanged. */
  async requestsOf(uri: vscode.Uri): Promise<RequestBlock[]> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const stamp = open ? `v${open.version}` : `m${(await vscode.workspace.fs.stat(uri)).mtime}`;
    const hit = this.parsed.get(uri.toString());
    if (hit && hit.stamp === stamp) return hit.requests;
    const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    this.parseCount++;
    const requests = parseHttp(text).requests;
    this.parsed.set(uri.toString(), { stamp, requests });
    return requests;
  }

  get sendCommandId(): string {
    return this.sendCommand;
  }
}
