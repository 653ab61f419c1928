import type { FileResult, RunCounts } from '../run/results';
import type { ReporterOptions, RunReporter } from './reporter';

/** The JSON report: every file's results and the counts, paths shown as `displayPath` makes them. */
export function renderJson(files: readonly FileResult[], counts: RunCounts, opts: Pick<ReporterOptions, 'displayPath'>): string {
  const report = {
    counts,
    passed: counts.failed === 0,
    files: files.map((f) => ({
      ...f,
      file: opts.displayPath(f.file),
      requests: f.requests.map((r) => ({ ...r, file: opts.displayPath(r.file) })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function createJsonReporter(opts: Pick<ReporterOptions, 'displayPath'>): RunReporter {
  return { onEvent: () => undefined, end: (files, counts) => renderJson(files, counts, opts) };
}
