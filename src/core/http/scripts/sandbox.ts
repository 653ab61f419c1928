import * as vm from 'node:vm';

/** Options for running one script: a time limit and where its lines come from (for error messages). */
export interface SandboxOptions {
  /** wall-clock limit in ms for the synchronous run (and promise jobs queued by it) */
  timeoutMs: number;
  /** file name shown in stack traces and messages */
  filename: string;
  /** 0-based line in the file where the script's first line is */
  lineOffset?: number;
}

/** A script that failed: syntax error, thrown error or time limit. `message` is one readable sentence. */
export class ScriptError extends Error {
  constructor(message: string, readonly code: 'timeout' | 'syntax' | 'runtime', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScriptError';
  }
}

export const DEFAULT_SCRIPT_TIMEOUT_MS = 2000;

/**
 * Runs `code` in a fresh `node:vm` context whose globals are `globals` (plus `console` if not given).
 * This limits time and keeps the script's globals apart; it is not a security boundary, which is why
 * scripts only run when the host allows them (workspace trust, `--allow-scripts`).
 */
export function runInSandbox(code: string, globals: Record<string, unknown>, options: SandboxOptions): unknown {
  const context = vm.createContext({ ...globals }, { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: false } });
  let script: vm.Script;
  try {
    script = new vm.Script(code, { filename: options.filename, lineOffset: options.lineOffset ?? 0 });
  } catch (err) {
    throw new ScriptError(`syntax error in ${options.filename}: ${messageOf(err)}${lineOf(err, options.filename)}`, 'syntax', { cause: err });
  }
  try {
    return script.runInContext(context, { timeout: Math.max(1, options.timeoutMs), displayErrors: false });
  } catch (err) {
    if ((err as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new ScriptError(`script in ${options.filename} stopped after ${options.timeoutMs} ms (time limit; an endless loop?)`, 'timeout', { cause: err });
    }
    throw new ScriptError(`${messageOf(err)}${lineOf(err, options.filename)}`, 'runtime', { cause: err });
  }
}

function messageOf(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) {
    const name = 'name' in err && typeof err.name === 'string' && err.name !== 'Error' ? `${err.name}: ` : '';
    return `${name}${String(err.message)}`;
  }
  return String(err);
}

/** ' (line N)' from the first stack frame in `filename`, 1-based, or ''. */
function lineOf(err: unknown, filename: string): string {
  const stack = err && typeof err === 'object' && 'stack' in err ? String(err.stack) : '';
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return m ? ` (line ${m[1]})` : '';
}
