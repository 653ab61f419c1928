import type { AssertionLine } from '../model';
import { ScriptError } from '../scripts/sandbox';
import { applyOperator, display, unquote } from './operators';
import { parseAssertion } from './parseAssertion';
import type { ResponseView } from './responseView';
import { readSubject, ScriptsNotAllowed, type SubjectOptions } from './subjects';

/** The outcome of one `??` line. `skipped` results (js when scripts are not allowed) count as neither. */
export interface AssertionResult {
  line: number;
  /** the assertion as written, after `??` */
  text: string;
  passed: boolean;
  skipped?: boolean;
  expected: string;
  actual: string;
  message: string;
}

/** Evaluates one assertion line against a response. Never throws: a malformed line is a failed result. */
export function evaluateAssertion(line: AssertionLine, view: ResponseView, options: SubjectOptions): AssertionResult {
  const base = { line: line.line, text: line.text };
  const parsed = parseAssertion(line.text);
  if (!parsed.ok) return { ...base, passed: false, expected: '', actual: '', message: `malformed assertion: ${parsed.error}` };
  const a = parsed.assertion;
  const expected = a.expected !== undefined ? unquote(a.expected) : a.operator;
  try {
    const subject = readSubject(a, view, options);
    const verdict = applyOperator(a.operator, subject, a.expected);
    return {
      ...base,
      passed: verdict.passed,
      expected,
      actual: display(subject.value),
      message: verdict.passed ? `${line.text}` : `${line.text}: ${verdict.reason}`,
    };
  } catch (err) {
    if (err instanceof ScriptsNotAllowed) return { ...base, passed: false, skipped: true, expected, actual: '', message: err.message };
    const why = err instanceof ScriptError || err instanceof Error ? err.message : String(err);
    return { ...base, passed: false, expected, actual: '', message: `${line.text}: ${why}` };
  }
}

export function evaluateAssertions(lines: readonly AssertionLine[], view: ResponseView, options: SubjectOptions): AssertionResult[] {
  return lines.map((l) => evaluateAssertion(l, view, options));
}
