/**
 * Turns the runner's result for one request into what the Test Explorer shows: a state and messages
 * (each at a file and line, with expected/actual where the assertion has them) for the request and
 * for each of its `client.test`s, plus the lines of text for the run's output. No `vscode` import.
 */
import type { RequestResult } from '../../core/http/run/results';
import { KeyMaker, type DiscoveredRequest } from './discovery';

export type TestState = 'passed' | 'failed' | 'errored' | 'skipped';

export interface Problem {
  message: string;
  /** absolute path */
  file: string;
  /** 0-based */
  line: number;
  expected?: string;
  actual?: string;
}

export interface TestOutcome {
  key: string;
  name: string;
  state: TestState;
  problems: Problem[];
  file: string;
  line: number;
  /** true when the test was not found in the source before the run (a computed name) */
  dynamic: boolean;
}

export interface RequestOutcome {
  state: TestState;
  problems: Problem[];
  duration: number;
  tests: TestOutcome[];
  /** text for the run's output, '\n'-separated */
  output: string;
}

function scriptProblem(result: RequestResult): Problem | undefined {
  const failed = result.scripts.find((s) => s.error);
  if (!failed || !result.error) return undefined;
  return { message: result.error, file: result.file, line: failed.line };
}

function requestProblems(result: RequestResult): Problem[] {
  const out: Problem[] = [];
  for (const a of result.assertions) {
    if (a.passed || a.skipped) continue;
    const pair = a.expected !== '' || a.actual !== '' ? { expected: a.expected, actual: a.actual } : {};
    out.push({ message: `?? ${a.message}`, file: result.file, line: a.line, ...pair });
  }
  if (result.error) out.unshift(scriptProblem(result) ?? { message: result.error, file: result.file, line: result.line });
  return out;
}

function testOutcomes(result: RequestResult, discovered: DiscoveredRequest | undefined): TestOutcome[] {
  const keys = new KeyMaker();
  const known = new Map((discovered?.tests ?? []).map((t) => [t.key, t]));
  const files = [...new Set(discovered?.handlerFiles ?? [])];
  const fallbackFile = files.length === 1 ? files[0]! : result.file;
  const handlerLine = result.scripts.find((s) => s.kind === 'handler')?.line ?? result.line;
  const out: TestOutcome[] = [];
  for (const t of result.tests) {
    const key = keys.next(t.name);
    const found = known.get(key);
    known.delete(key);
    const file = found?.file ?? fallbackFile;
    const line = t.line ?? found?.line ?? handlerLine;
    out.push({
      key, name: t.name, file, line, dynamic: !found,
      state: t.passed ? 'passed' : 'failed',
      problems: t.passed ? [] : [{ message: t.message || `client.test "${t.name}" failed`, file, line }],
    });
  }
  const why = result.notes.find((n) => n.startsWith('skipped')) ?? (result.error ? `not run: ${result.error}` : 'not run: the handler ended before reaching it');
  for (const t of known.values()) {
    out.push({ key: t.key, name: t.name, file: t.file, line: t.line, dynamic: false, state: 'skipped', problems: [{ message: why, file: t.file, line: t.line }] });
  }
  return out;
}

function stateOf(result: RequestResult, problems: Problem[], tests: TestOutcome[]): TestState {
  if (!result.passed) return result.status === undefined && result.error ? 'errored' : 'failed';
  const ranSomething = result.assertions.some((a) => !a.skipped) || tests.some((t) => t.state !== 'skipped') || result.scripts.some((s) => !s.skipped);
  return ranSomething || problems.length ? 'passed' : 'skipped';
}

function outputOf(result: RequestResult, state: TestState): string {
  const mark = state === 'passed' ? '✓' : state === 'skipped' ? '○' : '✗';
  const lines = [`${mark} ${result.label}  ${result.method} ${result.url}${result.status !== undefined ? ` → ${result.status}` : ''} (${Math.round(result.duration)} ms)`];
  for (const a of result.assertions) lines.push(`    ${a.skipped ? '○' : a.passed ? '✓' : '✗'} line ${a.line + 1}: ?? ${a.passed || a.skipped ? a.text : a.message}`);
  for (const t of result.tests) lines.push(`    ${t.passed ? '✓' : '✗'} client.test "${t.name}"${t.passed ? '' : `: ${t.message}`}`);
  for (const s of result.scripts) for (const log of s.logs) lines.push(`    log: ${log}`);
  for (const n of result.notes) lines.push(`    note: ${n}`);
  if (result.error) lines.push(`    error: ${result.error}`);
  return lines.join('\n');
}

/** The Test Explorer's view of one request's result; `discovered` is what the source listed before the run. */
export function requestOutcome(result: RequestResult, discovered: DiscoveredRequest | undefined): RequestOutcome {
  const problems = requestProblems(result);
  const tests = testOutcomes(result, discovered);
  const state = stateOf(result, problems, tests);
  if (state === 'failed' && !problems.length) {
    const failed = tests.filter((t) => t.state === 'failed');
    const line = result.scripts.find((s) => s.kind === 'handler')?.line ?? result.line;
    problems.push({ message: `${failed.length} of ${tests.length} client.test failed: ${failed.map((t) => t.name).join(', ')}`, file: result.file, line });
  }
  if (state === 'skipped') problems.push({ message: result.notes.join('; ') || 'nothing to check ran', file: result.file, line: result.line });
  return { state, problems, duration: result.duration, tests, output: outputOf(result, state) };
}
