import type { ResponseView } from '../assert/responseView';
import { ClientExit, createClient, createRequest, createResponse, type RequestInfo, type TestResult } from './clientApi';
import type { GlobalStore } from './globalStore';
import { runInSandbox, ScriptError } from './sandbox';

/** The outcome of one handler or pre-request script. */
export interface ScriptOutcome {
  /** 'handler' (`> {% %}`) or 'pre-request' (`< {% %}`) */
  kind: 'handler' | 'pre-request';
  /** 0-based line of the `>` / `<` line */
  line: number;
  tests: TestResult[];
  logs: string[];
  /** set when the script threw, failed a top-level client.assert, or hit the time limit */
  error?: string;
  /** set when the script did not run because scripts are not allowed */
  skipped?: string;
}

export const SCRIPTS_NOT_ALLOWED = 'skipped: scripts are not allowed here (trust the workspace, or pass --allow-scripts)';

export interface ScriptSource {
  code: string;
  /** name shown in messages and stack traces: the .http file for inline scripts, the .js file otherwise */
  filename: string;
  /** 0-based line in `filename` of the code's first line */
  lineOffset: number;
  /** the `>` / `<` line in the .http file */
  line: number;
}

export interface ScriptEnvironment {
  allowScripts: boolean;
  timeoutMs: number;
  globals: GlobalStore;
  /** request-scoped variables (`request.variables`), shared between the request's pre-script and its substitution */
  requestVariables: Map<string, string>;
  /** the selected environment's variables */
  environment: (name: string) => string | undefined;
  request: RequestInfo;
}

/** Wraps a script in a function (same first line, so line numbers hold) so a top-level `return` ends it early. */
export function wrapScript(code: string): string {
  return `(function () {${code}\n}).call(this);`;
}

function run(kind: ScriptOutcome['kind'], src: ScriptSource, env: ScriptEnvironment, extra: Record<string, unknown>): ScriptOutcome {
  const outcome: ScriptOutcome = { kind, line: src.line, tests: [], logs: [] };
  if (!env.allowScripts) {
    outcome.skipped = SCRIPTS_NOT_ALLOWED;
    return outcome;
  }
  const client = createClient(env.globals, outcome, src.filename);
  const request = createRequest(env.request, env.requestVariables, env.environment);
  const log = (...args: unknown[]) => (client.log as (...a: unknown[]) => void)(...args);
  const console = { log, info: log, warn: log, error: log, debug: log };
  try {
    runInSandbox(wrapScript(src.code), { client, request, console, ...extra }, { timeoutMs: env.timeoutMs, filename: src.filename, lineOffset: src.lineOffset });
  } catch (err) {
    if (err instanceof ScriptError && err.cause instanceof ClientExit) return outcome;
    outcome.error = err instanceof ScriptError ? err.message : err instanceof Error ? err.message : String(err);
  }
  return outcome;
}

/** Runs a JetBrains response handler with `client`, `response` and `request`. Never throws. */
export function runResponseHandler(src: ScriptSource, view: ResponseView, env: ScriptEnvironment): ScriptOutcome {
  return run('handler', src, env, { response: createResponse(view) });
}

/** Runs a JetBrains pre-request script with `client` and `request`. Never throws. */
export function runPreRequestScript(src: ScriptSource, env: ScriptEnvironment): ScriptOutcome {
  return run('pre-request', src, env, {});
}
