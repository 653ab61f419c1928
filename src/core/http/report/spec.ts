import type { FileResult, RequestResult, RunCounts, RunEvent } from '../run/results';
import { formatMs, type ReporterOptions, type RunReporter } from './reporter';

const paint = (on: boolean, code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Lines explaining what failed in a request: errors, assertions with expected/actual, tests, notes. */
export function describeRequest(r: RequestResult, indent = '    '): string[] {
  const lines: string[] = [];
  if (r.error) lines.push(`${indent}error: ${r.error}`);
  for (const a of r.assertions) {
    if (a.passed || a.skipped) continue;
    lines.push(`${indent}✗ line ${a.line + 1}: ?? ${a.text}`);
    lines.push(`${indent}    ${a.message}`);
    if (a.expected || a.actual) lines.push(`${indent}    expected: ${a.expected}`, `${indent}    actual:   ${a.actual}`);
  }
  for (const t of r.tests) if (!t.passed) lines.push(`${indent}✗ ${t.name}${t.line !== undefined ? ` (line ${t.line + 1})` : ''}: ${t.message}`);
  for (const s of r.scripts) if (s.error && !r.error?.includes(s.error)) lines.push(`${indent}${s.kind} script at line ${s.line + 1}: ${s.error}`);
  for (const n of r.notes) lines.push(`${indent}note: ${n}`);
  return lines;
}

/** The human reporter: one line per request (rewritten in place on a terminal), details of failures, a summary. */
export function createSpecReporter(opts: ReporterOptions): RunReporter {
  const green = paint(opts.color, 32);
  const red = paint(opts.color, 31);
  const dim = paint(opts.color, 2);
  let progressShown = false;

  const clearProgress = () => {
    if (progressShown) { opts.write('\r\u001b[2K'); progressShown = false; }
  };

  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case 'fileStart':
        opts.write(`${opts.displayPath(e.file)}\n`);
        break;
      case 'requestStart':
        if (opts.isTTY) { clearProgress(); opts.write(dim(`  … ${e.label}`)); progressShown = true; }
        break;
      case 'requestEnd': {
        clearProgress();
        const r = e.result;
        const checks = r.assertions.filter((a) => !a.skipped).length + r.tests.length;
        const okChecks = r.assertions.filter((a) => a.passed).length + r.tests.filter((t) => t.passed).length;
        const facts = [r.status !== undefined ? String(r.status) : undefined, formatMs(r.duration), checks ? `${okChecks}/${checks} checks` : undefined].filter(Boolean).join(', ');
        opts.write(`  ${r.passed ? green('✓') : red('✗')} ${r.label} ${dim(`(${facts})`)}${r.asDependency ? dim(' [dependency]') : ''}\n`);
        for (const t of r.tests) if (t.passed) opts.write(dim(`      ✓ ${t.name}\n`));
        for (const log of r.scripts.flatMap((s) => s.logs)) opts.write(dim(`      log: ${log}\n`));
        const details = describeRequest(r);
        if (details.length) opts.write(`${details.join('\n')}\n`);
        break;
      }
      case 'fileEnd':
        for (const d of e.result.errors) opts.write(`  ${red('✗')} line ${d.line + 1}: ${d.message}\n`);
        break;
    }
  };

  const end = (_files: readonly FileResult[], c: RunCounts) => {
    clearProgress();
    const checks = `assertions ${c.assertions.passed} passed, ${c.assertions.failed} failed${c.assertions.skipped ? `, ${c.assertions.skipped} skipped` : ''}; tests ${c.tests.passed} passed, ${c.tests.failed} failed`;
    const summary = `${c.passed} passed, ${c.failed} failed`;
    return `\n${dim(checks)}\n${c.failed ? red(summary) : green(summary)}\n`;
  };

  return { onEvent, end };
}
