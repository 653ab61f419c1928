import type { FileResult, RunCounts, RunEvent } from '../run/results';

/** Turns a run into text: progress while it runs (spec) and a final document or summary. */
export interface RunReporter {
  onEvent(event: RunEvent): void;
  /** the closing text: the summary (spec) or the whole report (json, junit) */
  end(files: readonly FileResult[], counts: RunCounts): string;
}

export interface ReporterOptions {
  /** how to show a file path (e.g. relative to the working folder) */
  displayPath: (file: string) => string;
  /** where progress goes (spec only) */
  write: (text: string) => void;
  /** rewrite a progress line in place (a terminal) or print plain lines */
  isTTY: boolean;
  /** colour output (TTY and no NO_COLOR) */
  color: boolean;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
