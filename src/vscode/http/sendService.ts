import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HttpDocument, HttpResponse, OutgoingRequest, RequestBlock } from '../../core/http/model';
import { createParseCache } from '../../core/http/parse';
import type { RequestResolver, RequestSender } from '../../core/http/run/ports';
import type { RequestResult } from '../../core/http/run/results';
import { HttpFileRunner, labelOf } from '../../core/http/run/runner';
import { GlobalStore } from '../../core/http/scripts/globalStore';
import { HttpSender } from '../../core/http/send';
import { createEditorResolver } from './editorResolver';
import { editorRunnerHost, loggerOf, promptFor } from './runnerHost';
import type { EnvironmentService } from './environmentService';
import { requestSettings, SENDER_SETTINGS, senderOptions } from './settings';
import { requestAt, runnerTarget } from './targets';

/** One request of a run, with what was sent and received (when it got that far). */
export interface SendOutcome {
  result: RequestResult;
  block?: RequestBlock;
  /** the request as resolved: secrets as the user wrote them (for Copy as cURL only; never logged) */
  request?: OutgoingRequest;
  response?: HttpResponse;
  body?: Buffer;
  /** what the resolver or sender threw (keeps the hint of a UserFacingError) */
  error?: unknown;
  uri: vscode.Uri;
}

interface Capture { request?: OutgoingRequest; response?: HttpResponse; error?: unknown }

/** Sends the requests of open .http documents through the core runner, resolver and sender. */
export class SendService implements vscode.Disposable {
  private sender: HttpSender | undefined;
  private senderPromise: Promise<HttpSender> | undefined;
  /** `client.global`: shared by Send Request, Send All and Test Explorer runs of this window */
  readonly globals = new GlobalStore();
  private readonly parses = createParseCache(50);
  private readonly inFlight = new Set<AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly outcomes = new vscode.EventEmitter<SendOutcome>();
  /** Fires for every request that finished (dependencies included). */
  readonly onDidSend = this.outcomes.event;

  constructor(private readonly log: vscode.LogOutputChannel, private readonly environments: EnvironmentService) {
    this.disposables.push(this.outcomes, vscode.workspace.onDidChangeConfiguration((e) => {
      if (SENDER_SETTINGS.some((s) => e.affectsConfiguration(s))) this.resetSender();
    }), vscode.workspace.onDidCloseTextDocument((d) => this.parses.delete(d.uri.toString())));
  }

  get busy(): boolean { return this.inFlight.size > 0; }

  parse(document: vscode.TextDocument): HttpDocument {
    return this.parses.get(document.uri.toString(), document.version, () => document.getText());
  }

  /** Stops every request in flight. */
  cancelAll(): number {
    const n = this.inFlight.size;
    for (const c of this.inFlight) c.abort();
    return n;
  }

  /** Sends the request at `line` (its named dependencies first); resolves with the target's outcome. */
  async sendAt(document: vscode.TextDocument, line: number, token?: vscode.CancellationToken): Promise<SendOutcome | undefined> {
    const doc = this.parse(document);
    const block = requestAt(doc, line);
    if (!block) return undefined;
    const target = runnerTarget(doc, block);
    const outcomes = await this.run(document, target.document, target.name, token);
    const mine = outcomes.filter((o) => o.result.line === block.requestLine && !o.result.asDependency);
    const out = mine[mine.length - 1] ?? outcomes[outcomes.length - 1];
    if (out) { out.result.label = labelOf(block); out.block = block; }
    return out;
  }

  /** Sends every request of the document in order. */
  async sendAll(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<SendOutcome[]> {
    return this.run(document, this.parse(document), undefined, token);
  }

  private async run(document: vscode.TextDocument, doc: HttpDocument, name: string | undefined, token?: vscode.CancellationToken): Promise<SendOutcome[]> {
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`The file has ${errors.length} error${errors.length > 1 ? 's' : ''} (first at line ${errors[0]!.line + 1}: ${errors[0]!.message}); fix ${errors.length > 1 ? 'them' : 'it'} before sending.`);
    const abort = new AbortController();
    const sub = token?.onCancellationRequested(() => abort.abort());
    this.inFlight.add(abort);
    const filePath = document.uri.scheme === 'file' ? document.uri.fsPath
      : path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), 'untitled.http');
    const environment = await this.environments.resolve(document.uri);
    const settings = requestSettings();
    const outcomes: SendOutcome[] = [];
    let capture: Capture = {};
    const sender: RequestSender = {
      send: async (request, opts) => {
        capture.request = request;
        try {
          const s = await this.getSender();
          capture.response = await s.send(request, { ...opts, followRedirects: opts.followRedirects !== false && settings.followRedirects });
          return capture.response;
        } catch (err) { capture.error = err; throw err; }
      },
    };
    const inner = createEditorResolver({ environment, prompt: (n, description, secret) => promptFor(n, description, secret) });
    const resolver: RequestResolver = {
      ...inner,
      resolve: async (input) => {
        try { return await inner.resolve(input); } catch (err) { capture.error = err; throw err; }
      },
    };
    const runner = new HttpFileRunner({
      host: editorRunnerHost(loggerOf(this.log)),
      resolver,
      sender,
      globals: this.globals,
    });
    runner.onEvent((e) => {
      if (e.type === 'requestStart') capture = {};
      if (e.type === 'requestEnd') { outcomes.push(this.outcomeOf(e.result, capture, document.uri)); capture = {}; }
    });
    try {
      await runner.runDocument(doc, filePath, document.getText(), { name, timeout: settings.timeout || undefined, signal: abort.signal });
    } finally {
      runner.dispose();
      sub?.dispose();
      this.inFlight.delete(abort);
    }
    for (const o of outcomes) {
      if (o.response) o.body = o.response.body.kind === 'buffer' ? o.response.body.data : await readFile(o.response.body.path);
      this.outcomes.fire(o);
    }
    if (abort.signal.aborted) {
      const err = new Error('The request was cancelled.');
      err.name = 'AbortError';
      throw err;
    }
    return outcomes;
  }

  private outcomeOf(result: RequestResult, c: Capture, uri: vscode.Uri): SendOutcome {
    const error = result.error && c.error && !c.response ? c.error : result.error ? new Error(result.error) : undefined;
    return { result, request: c.request, response: c.response, error, uri };
  }

  private getSender(): Promise<HttpSender> {
    if (this.sender) return Promise.resolve(this.sender);
    this.senderPromise ??= senderOptions().then((o) => {
      this.sender = new HttpSender({ ...o, logger: loggerOf(this.log) });
      this.senderPromise = undefined;
      return this.sender;
    }, (err) => { this.senderPromise = undefined; throw err; });
    return this.senderPromise;
  }

  private resetSender(): void {
    this.sender?.dispose();
    this.sender = undefined;
  }

  dispose(): void {
    this.cancelAll();
    this.resetSender();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

