import type { AssertionResult } from '../assert/evaluate';
import type { Diagnostic, LineRange } from '../model';
import type { TestResult } from '../scripts/clientApi';
import type { ScriptOutcome } from '../scripts/runScripts';

/** What happened to one request of a run. */
export interface RequestResult {
  /** absolute path of the .http file */
  file: string;
  /** `# @name` */
  name?: string;
  /** how to show the request: its name, else its ### title, else `METHOD url` */
  label: string;
  /** 0-based request line */
  line: number;
  range: LineRange;
  method: string;
  /** resolved URL (secret-looking query values and userinfo masked) when it got that far, else as written */
  url: string;
  status?: number;
  /** ms from resolving to the last assertion */
  duration: number;
  assertions: AssertionResult[];
  /** every client.test of every handler, in order */
  tests: TestResult[];
  scripts: ScriptOutcome[];
  /** files written by `>>` / `>>!` */
  saved: string[];
  /** why the request could not run or complete (resolve, send, script error); undefined when it did */
  error?: string;
  /** things to show but not failures, e.g. scripts skipped because they are not allowed */
  notes: string[];
  /** true when no error, no failed assertion, no failed test */
  passed: boolean;
  /** true when it ran because another request referenced it */
  asDependency: boolean;
}

export interface FileResult {
  file: string;
  requests: RequestResult[];
  /** parse errors that stop the file from running */
  errors: Diagnostic[];
  duration: number;
}

export interface RunCounts {
  requests: number;
  passed: number;
  failed: number;
  assertions: { passed: number; failed: number; skipped: number };
  tests: { passed: number; failed: number };
}

export type RunEvent =
  | { type: 'fileStart'; file: string; requests: number }
  | { type: 'requestStart'; file: string; label: string; line: number }
  | { type: 'requestEnd'; result: RequestResult }
  | { type: 'fileEnd'; result: FileResult };

export function requestPassed(r: Omit<RequestResult, 'passed'>): boolean {
  if (r.error) return false;
  if (r.assertions.some((a) => !a.passed && !a.skipped)) return false;
  if (r.tests.some((t) => !t.passed)) return false;
  return !r.scripts.some((s) => s.error);
}

export function countResults(files: readonly FileResult[]): RunCounts {
  const c: RunCounts = { requests: 0, passed: 0, failed: 0, assertions: { passed: 0, failed: 0, skipped: 0 }, tests: { passed: 0, failed: 0 } };
  for (const f of files) {
    if (f.errors.length) c.failed++;
    for (const r of f.requests) {
      c.requests++;
      if (r.passed) c.passed++; else c.failed++;
      for (const a of r.assertions) {
        if (a.skipped) c.assertions.skipped++; else if (a.passed) c.assertions.passed++; else c.assertions.failed++;
      }
      for (const t of r.tests) if (t.passed) c.tests.passed++; else c.tests.failed++;
    }
  }
  return c;
}
