import type { FileResult, RequestResult, RunCounts } from '../run/results';
import type { ReporterOptions, RunReporter } from './reporter';
import { element, xmlText } from './xml';

/** The version of each failure that CI systems show: message in the attribute, details in the text. */
function requestCase(r: RequestResult, classname: string, file: string): string {
  const parts: string[] = [];
  if (r.error) parts.push(element('error', { message: r.error, type: 'RequestError' }, xmlText(r.error)));
  const failed = r.assertions.filter((a) => !a.passed && !a.skipped);
  if (failed.length) {
    const details = failed.map((a) => `line ${a.line + 1}: ?? ${a.text}\n  expected: ${a.expected}\n  actual:   ${a.actual}\n  ${a.message}`).join('\n');
    parts.push(element('failure', { message: failed.map((a) => a.message).join('; '), type: 'AssertionError' }, xmlText(details)));
  }
  const out = [
    r.status !== undefined ? `${r.method} ${r.url} → ${r.status}` : `${r.method} ${r.url}`,
    ...r.assertions.map((a) => `${a.skipped ? 'SKIP' : a.passed ? 'PASS' : 'FAIL'} line ${a.line + 1}: ?? ${a.text}`),
    ...r.notes,
    ...r.scripts.flatMap((s) => s.logs),
    ...r.saved.map((s) => `saved ${s}`),
  ].join('\n');
  parts.push(element('system-out', {}, xmlText(out)));
  return element('testcase', { name: r.label, classname, time: seconds(r.duration), file, line: r.line + 1 }, parts.join(''));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function suite(f: FileResult, opts: Pick<ReporterOptions, 'displayPath'>): { xml: string; tests: number; failures: number; errors: number } {
  const file = opts.displayPath(f.file);
  const cases: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const d of f.errors) {
    tests++; errors++;
    cases.push(element('testcase', { name: `parse error at line ${d.line + 1}`, classname: file, time: '0.000', file, line: d.line + 1 },
      element('error', { message: d.message, type: 'ParseError' }, xmlText(`${file}:${d.line + 1}: ${d.message}`))));
  }
  for (const r of f.requests) {
    tests++;
    if (r.error) errors++;
    else if (r.assertions.some((a) => !a.passed && !a.skipped)) failures++;
    cases.push(requestCase(r, file, file));
    for (const t of r.tests) {
      tests++;
      if (!t.passed) failures++;
      const failure = t.passed ? '' : element('failure', { message: t.message, type: 'TestFailure' }, xmlText(t.message));
      cases.push(element('testcase', { name: `${r.label} › ${t.name}`, classname: file, time: '0.000', file, line: t.line !== undefined ? t.line + 1 : r.line + 1 }, failure));
    }
    for (const s of r.scripts) {
      if (s.error) {
        tests++; errors++;
        cases.push(element('testcase', { name: `${r.label} › ${s.kind} script (line ${s.line + 1})`, classname: file, time: '0.000', file, line: s.line + 1 },
          element('error', { message: s.error, type: 'ScriptError' }, xmlText(s.error))));
      }
    }
  }
  const xml = element('testsuite', { name: file, tests, failures, errors, skipped: 0, time: seconds(f.duration), file }, cases.join(''));
  return { xml, tests, failures, errors };
}

/** Renders a run as JUnit XML (one testsuite per file, a testcase per request and per client.test). */
export function renderJUnit(files: readonly FileResult[], opts: Pick<ReporterOptions, 'displayPath'>): string {
  const suites = files.map((f) => suite(f, opts));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  const time = files.reduce((n, f) => n + f.duration, 0);
  const body = element('testsuites', { name: 'apihook', tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), time: seconds(time) }, suites.map((s) => s.xml).join('\n'));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

export function createJUnitReporter(opts: Pick<ReporterOptions, 'displayPath'>): RunReporter {
  return { onEvent: () => undefined, end: (files: readonly FileResult[], _counts: RunCounts) => renderJUnit(files, opts) };
}
