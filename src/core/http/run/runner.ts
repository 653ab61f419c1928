import * as path from 'node:path';
import { Emitter } from '../../common/event';
import { evaluateAssertions } from '../assert/evaluate';
import { createResponseView, type ResponseView } from '../assert/responseView';
import type { HttpDocument, HttpResponse, RequestBlock } from '../model';
import type { GlobalStore } from '../scripts/globalStore';
import { maskUrl } from '../send/mask';
import { DEFAULT_SCRIPT_TIMEOUT_MS } from '../scripts/sandbox';
import { runPreRequestScript, runResponseHandler, type ScriptEnvironment, type ScriptOutcome } from '../scripts/runScripts';
import { saveResponseBody } from '../scripts/saveResponse';
import { requestDependencies } from './dependencies';
import type { NamedExchange, RequestResolver, RequestSender, RunnerHost } from './ports';
import { requestPassed, type FileResult, type RequestResult, type RunEvent } from './results';
import { loadScript, unsupportedScript, type DocumentLines } from './scriptSources';

export interface RunOptions {
  /** run only the request with this @name (or ### title); the requests it refers to run first */
  name?: string;
  /** stop at the first failed request */
  bail?: boolean;
  /** per-request timeout in ms (a request's `# @timeout` wins) */
  timeout?: number;
  /** time limit for each script, default 2000 ms */
  scriptTimeout?: number;
  signal?: AbortSignal;
}

export interface RunnerServices {
  host: RunnerHost;
  resolver: RequestResolver;
  sender: RequestSender;
  /** `client.global`: shared by every file of a run (or an editor session) */
  globals: GlobalStore;
}

/** Thrown by runDocument when `options.name` matches no request. */
export class RequestNotFoundError extends Error {}

interface FileState {
  document: HttpDocument;
  filePath: string;
  lines: DocumentLines;
  options: RunOptions;
  responses: Map<string, NamedExchange>;
  done: Map<RequestBlock, RequestResult>;
  active: Set<RequestBlock>;
  results: RequestResult[];
}

export function labelOf(block: RequestBlock): string {
  return block.name ?? block.title ?? `${block.method} ${block.url}`;
}

function directive(block: RequestBlock, name: string): string | undefined {
  return block.directives.find((d) => d.name.toLowerCase() === name)?.value;
}

/** Runs the requests of .http documents: pre-scripts, resolve, send, handlers, `>>` saves, assertions. */
export class HttpFileRunner {
  private readonly events = new Emitter<RunEvent>();
  readonly onEvent = this.events.event;

  constructor(private readonly services: RunnerServices) {}

  dispose(): void { this.events.dispose(); }

  /** Runs a parsed document (all requests in order, or `options.name`). Never throws except RequestNotFoundError. */
  async runDocument(document: HttpDocument, filePath: string, text: string, options: RunOptions = {}): Promise<FileResult> {
    const started = this.services.host.now();
    const errors = document.diagnostics.filter((d) => d.severity === 'error');
    let targets = document.requests;
    if (options.name !== undefined) {
      targets = document.requests.filter((r) => r.name === options.name || r.title === options.name);
      if (!targets.length) throw new RequestNotFoundError(`no request named '${options.name}' in ${filePath}`);
    }
    this.events.fire({ type: 'fileStart', file: filePath, requests: errors.length ? 0 : targets.length });
    const state: FileState = { document, filePath, lines: text.split(/\r?\n/), options, responses: new Map(), done: new Map(), active: new Set(), results: [] };
    if (!errors.length) {
      for (const block of targets) {
        if (options.signal?.aborted) break;
        await this.runBlock(state, block, false);
        if (options.bail && state.results.some((r) => !r.passed)) break;
      }
    }
    const result: FileResult = { file: filePath, requests: state.results, errors, duration: this.services.host.now() - started };
    this.events.fire({ type: 'fileEnd', result });
    return result;
  }

  private async runBlock(state: FileState, block: RequestBlock, asDependency: boolean): Promise<RequestResult> {
    const previous = state.done.get(block);
    if (previous) return previous;
    const result = this.newResult(state, block, asDependency);
    // a request already on the way (a cycle of references): the outer run of it records the result
    if (state.active.has(block)) return { ...result, error: `circular reference: '${labelOf(block)}' refers back to itself` };
    state.active.add(block);
    try {
      for (const depName of requestDependencies(state.document, block)) {
        const dep = state.document.requests.find((r) => r.name === depName)!;
        const depResult = state.done.get(dep) ?? (await this.runBlock(state, dep, true));
        if (!state.responses.has(depName)) {
          return this.finish(state, block, { ...result, error: `needs the response of '${depName}', which ${depResult.error ? `failed: ${depResult.error}` : 'did not complete'}` });
        }
        if (state.options.bail && !depResult.passed) return this.finish(state, block, { ...result, error: `not sent: '${depName}' failed` });
      }
      this.events.fire({ type: 'requestStart', file: state.filePath, label: result.label, line: result.line });
      await this.execute(state, block, result);
      return this.finish(state, block, result);
    } finally {
      state.active.delete(block);
    }
  }

  private newResult(state: FileState, block: RequestBlock, asDependency: boolean): RequestResult {
    return {
      file: state.filePath, name: block.name, label: labelOf(block), line: block.requestLine, range: block.range, method: block.method, url: block.url,
      duration: 0, assertions: [], tests: [], scripts: [], saved: [], notes: [], passed: false, asDependency,
    };
  }

  private finish(state: FileState, block: RequestBlock, result: RequestResult): RequestResult {
    result.passed = requestPassed(result);
    state.done.set(block, result);
    state.results.push(result);
    this.events.fire({ type: 'requestEnd', result });
    return result;
  }

  private scriptEnv(state: FileState, block: RequestBlock, requestVariables: Map<string, string>): ScriptEnvironment {
    const { host, resolver, globals } = this.services;
    return {
      allowScripts: host.allowScripts, timeoutMs: state.options.scriptTimeout ?? DEFAULT_SCRIPT_TIMEOUT_MS, globals, requestVariables,
      environment: (n) => resolver.environmentValue(n, state.filePath),
      request: { method: block.method, url: block.url, body: block.body.kind === 'text' ? block.body.text : '' },
    };
  }

  private record(result: RequestResult, outcome: ScriptOutcome): void {
    result.scripts.push(outcome);
    result.tests.push(...outcome.tests);
    if (outcome.skipped && !result.notes.includes(outcome.skipped)) result.notes.push(outcome.skipped);
  }

  /** Runs scripts of one kind; returns false when one failed (error recorded on the outcome). */
  private async runScripts(state: FileState, block: RequestBlock, result: RequestResult, env: ScriptEnvironment, view?: ResponseView): Promise<boolean> {
    const blocks = view ? block.handlers : block.preScripts;
    for (const sb of blocks) {
      const note = unsupportedScript(sb, state.lines);
      if (note) {
        if (!result.notes.includes(note)) result.notes.push(note);
        continue;
      }
      const kind = view ? 'handler' : 'pre-request';
      let outcome: ScriptOutcome;
      try {
        const src = await loadScript(sb, state.filePath, state.lines, (f) => this.services.host.readFile(f));
        outcome = view ? runResponseHandler(src, view, env) : runPreRequestScript(src, env);
      } catch (err) {
        outcome = { kind, line: sb.range.startLine, tests: [], logs: [], error: (err as Error).message };
      }
      this.record(result, outcome);
      for (const log of outcome.logs) this.services.host.logger.info(`[${result.label}] ${log}`);
      if (outcome.error) return false;
    }
    return true;
  }

  private async execute(state: FileState, block: RequestBlock, result: RequestResult): Promise<void> {
    const { host, resolver, sender, globals } = this.services;
    const started = host.now();
    const requestVariables = new Map<string, string>();
    const env = this.scriptEnv(state, block, requestVariables);
    try {
      if (!(await this.runScripts(state, block, result, env))) {
        result.error = `pre-request script failed: ${result.scripts.find((s) => s.error)?.error}`;
        return;
      }
      const outgoing = await resolver.resolve({ document: state.document, block, filePath: state.filePath, requestVariables, globals, responses: state.responses });
      result.url = maskUrl(outgoing.url);
      const timeoutDirective = Number(directive(block, 'timeout'));
      const response = await sender.send(outgoing, {
        timeout: Number.isFinite(timeoutDirective) && timeoutDirective > 0 ? timeoutDirective : state.options.timeout,
        followRedirects: directive(block, 'no-redirect') === undefined,
        noCookieJar: directive(block, 'no-cookie-jar') !== undefined,
        signal: state.options.signal,
      });
      result.status = response.status;
      const body = await this.bodyBytes(response);
      if (block.name) state.responses.set(block.name, { request: outgoing, response, body });
      const view = createResponseView(response, body);
      env.request.substitutedUrl = () => outgoing.url;
      if (!(await this.runScripts(state, block, result, env, view))) result.error = `response handler failed: ${result.scripts.find((s) => s.error)?.error}`;
      for (const redirect of block.redirects) {
        try {
          result.saved.push(await saveResponseBody(redirect, body, path.dirname(state.filePath), host));
        } catch (err) {
          result.error ??= `could not save the response to ${redirect.path}: ${(err as Error).message}`;
        }
      }
      const resolveInput = { document: state.document, block, filePath: state.filePath, requestVariables, globals, responses: state.responses };
      const assertionLines = await Promise.all(block.assertions.map(async (a) => (a.text.includes('{{') ? { ...a, text: await resolver.substitute(a.text, resolveInput) } : a)));
      result.assertions = evaluateAssertions(assertionLines, view, {
        allowScripts: host.allowScripts, timeoutMs: env.timeoutMs, filename: state.filePath, jsGlobals: { variables: Object.fromEntries(globals.entries()) },
      });
      const skippedJs = result.assertions.find((a) => a.skipped);
      if (skippedJs && !result.notes.includes(skippedJs.message)) result.notes.push(skippedJs.message);
    } catch (err) {
      result.error = err instanceof Error ? err.message : String(err);
    } finally {
      result.duration = host.now() - started;
    }
  }

  private async bodyBytes(response: HttpResponse): Promise<Buffer> {
    if (response.body.kind === 'buffer') return response.body.data;
    return this.services.host.readFile(response.body.path);
  }
}
