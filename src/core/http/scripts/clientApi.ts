import type { ResponseView } from '../assert/responseView';
import { toText, type GlobalStore } from './globalStore';

/** One `client.test(name, fn)`: passed unless fn threw (or a client.assert inside it failed). */
export interface TestResult {
  name: string;
  passed: boolean;
  /** '' when passed */
  message: string;
  /** 0-based line in the .http (or script) file where client.test was called, when known */
  line?: number;
}

/** What a script leaves behind for the results. */
export interface ScriptRecorder {
  tests: TestResult[];
  logs: string[];
}

export class ClientAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Thrown by `client.exit()` to end a script early; not a failure. */
export class ClientExit extends Error {
  constructor() {
    super('client.exit()');
    this.name = 'ClientExit';
  }
}

/** Line (0-based) of the first stack frame in `filename`, or undefined. */
function callerLine(filename: string): number | undefined {
  const stack = new Error().stack ?? '';
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return m ? Number(m[1]) - 1 : undefined;
}

function formatLog(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a === null || a === undefined ? String(a) : toText(a))).join(' ');
}

/** The JetBrains `client` object: test, assert, log, global. */
export function createClient(store: GlobalStore, rec: ScriptRecorder, filename: string): Record<string, unknown> {
  const global = {
    set: (name: unknown, value: unknown) => store.set(String(name), value),
    get: (name: unknown) => store.get(String(name)) ?? null,
    clear: (name: unknown) => store.delete(String(name)),
    clearAll: () => store.clear(),
    isEmpty: () => store.size === 0,
  };
  return {
    global,
    log: (...args: unknown[]) => { rec.logs.push(formatLog(args)); },
    exit: () => { throw new ClientExit(); },
    assert: (condition: unknown, message?: unknown) => {
      if (!condition) throw new ClientAssertionError(message === undefined ? 'assertion failed' : String(message));
    },
    test: (name: unknown, fn: unknown) => {
      const line = callerLine(filename);
      const result: TestResult = { name: String(name), passed: true, message: '', ...(line !== undefined ? { line } : {}) };
      try {
        if (typeof fn !== 'function') throw new TypeError('client.test needs a function as its second argument');
        (fn as () => unknown)();
      } catch (err) {
        result.passed = false;
        result.message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
        if (err instanceof ClientExit || (err && typeof err === 'object' && 'code' in err && err.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')) throw err;
      }
      rec.tests.push(result);
    },
  };
}

/** The JetBrains `response` object for handlers. */
export function createResponse(view: ResponseView): Record<string, unknown> {
  return {
    status: view.status,
    body: view.json !== undefined ? view.json : view.text,
    headers: {
      valueOf: (name: unknown) => view.headerValues(String(name))[0] ?? null,
      valuesOf: (name: unknown) => view.headerValues(String(name)),
    },
    contentType: { mimeType: view.mimeType, charset: view.charset ?? 'UTF-8' },
  };
}

/** What a pre-request script can read about the request it runs before. */
export interface RequestInfo {
  method: string;
  /** URL as written, {{variables}} unresolved */
  url: string;
  /** the URL with the variables known so far substituted, when the host can compute it */
  substitutedUrl?: () => string;
  /** body text as written, '' when none */
  body?: string;
}

/** The JetBrains `request` object: variables (request scope), environment, method, url, body. */
export function createRequest(info: RequestInfo, variables: Map<string, string>, environment: (name: string) => string | undefined): Record<string, unknown> {
  return {
    method: info.method,
    url: {
      getRaw: () => info.url,
      tryGetSubstituted: () => (info.substitutedUrl ? info.substitutedUrl() : info.url),
      toString: () => info.url,
    },
    body: { getRaw: () => info.body ?? '', tryGetSubstituted: () => info.body ?? '' },
    variables: {
      set: (name: unknown, value: unknown) => { variables.set(String(name), toText(value)); },
      get: (name: unknown) => variables.get(String(name)) ?? null,
    },
    environment: {
      get: (name: unknown) => environment(String(name)) ?? null,
    },
  };
}
