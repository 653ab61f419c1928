import * as vscode from 'vscode';
import type { RequestResult } from '../../core/http/run/results';
import { HttpFileRunner } from '../../core/http/run/runner';
import type { GlobalStore } from '../../core/http/scripts/globalStore';
import type { EnvironmentService } from '../http/environmentService';
import type { DiscoveredRequest } from './discovery';
import { requestOutcome } from './outcomes';
import { planDocument } from './plan';
import { RunReport } from './runReport';
import { createEditorRunner } from './runnerServices';
import { requestId, testId, type FileSnapshot, type HttpTestTree } from './testTree';

export const UNTRUSTED_NOTE = 'skipped: ApiHook does not send requests in an untrusted workspace (trust it to run these tests)';

export interface TestRunDeps {
  controller: vscode.TestController;
  tree: HttpTestTree;
  environments: EnvironmentService;
  globals: GlobalStore;
  log: vscode.LogOutputChannel;
}

/** The request items a run request asks for, grouped by file (exclusions removed). */
interface FileSelection {
  uri: vscode.Uri;
  items: Set<vscode.TestItem>;
  /** the file item itself was asked for (and nothing in it excluded): send every request, as Send All does */
  whole: boolean;
}

function selectRequests(deps: TestRunDeps, request: vscode.TestRunRequest): Map<string, FileSelection> {
  const excluded = new Set((request.exclude ?? []).map((i) => i.id));
  const byFile = new Map<string, FileSelection>();
  const add = (item: vscode.TestItem) => {
    if (excluded.has(item.id)) return;
    const d = deps.tree.dataOf(item);
    if (!d) return;
    const bucket = byFile.get(d.uri.toString()) ?? { uri: d.uri, items: new Set<vscode.TestItem>(), whole: false };
    byFile.set(d.uri.toString(), bucket);
    if (d.kind === 'file') {
      let all = true;
      item.children.forEach((c) => {
        if (excluded.has(c.id)) all = false; else bucket.items.add(c);
        c.children.forEach((t) => { if (excluded.has(t.id)) all = false; });
      });
      bucket.whole ||= all;
    }
    else if (d.kind === 'request') bucket.items.add(item);
    else if (item.parent && !excluded.has(item.parent.id)) bucket.items.add(item.parent);
  };
  if (request.include) request.include.forEach(add); else deps.controller.items.forEach(add);
  return byFile;
}

/** Runs the selected Test Explorer items through the core runner and reports each request and client.test. */
export async function runTests(deps: TestRunDeps, request: vscode.TestRunRequest, token: vscode.CancellationToken, verbose: boolean): Promise<RunReport> {
  await deps.tree.resolveAll();
  const selected = selectRequests(deps, request);
  const report = new RunReport(deps.controller.createTestRun(request, verbose ? 'ApiHook (debug)' : 'ApiHook', true));
  const all: vscode.TestItem[] = [];
  for (const { items } of selected.values()) for (const i of items) { all.push(i, ...childrenOf(i)); }
  for (const i of all) report.enqueued(i);
  try {
    if (!vscode.workspace.isTrusted) {
      report.output(UNTRUSTED_NOTE);
      report.skipUnfinished(all, UNTRUSTED_NOTE);
      return report;
    }
    for (const selection of selected.values()) {
      if (token.isCancellationRequested) break;
      await runFile(deps, report, selection, token, verbose);
    }
    report.skipUnfinished(all, token.isCancellationRequested ? 'cancelled' : 'not run');
  } catch (err) {
    report.output(`error: ${(err as Error).message}`);
    for (const i of all) {
      const e = report.record.items[i.id];
      if (!e || e.state === 'enqueued' || e.state === 'started') report.result(i, 'errored', [{ message: (err as Error).message, file: i.uri?.fsPath ?? '', line: i.range?.start.line ?? 0 }]);
    }
  } finally {
    report.end();
  }
  return report;
}

function childrenOf(item: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  item.children.forEach((c) => out.push(c));
  return out;
}

async function runFile(deps: TestRunDeps, report: RunReport, { uri, items, whole }: FileSelection, token: vscode.CancellationToken, verbose: boolean): Promise<void> {
  const snap = await deps.tree.sync(uri);
  if (!snap) return;
  const errors = snap.document.diagnostics.filter((d) => d.severity === 'error');
  // The items as they are after the sync (an edit since the last scan may have replaced them).
  const file = deps.controller.items.get(uri.toString());
  const wanted = new Set([...items].map((i) => i.id));
  const targets = new Map<number, { item: vscode.TestItem; discovered: DiscoveredRequest }>();
  for (const r of snap.requests) {
    const item = file?.children.get(requestId(uri, r.key));
    if (item && wanted.has(item.id)) targets.set(r.block.requestLine, { item, discovered: r });
  }
  if (errors.length) {
    const first = errors[0]!;
    const problem = { message: `the file has ${errors.length} parse error(s); first at line ${first.line + 1}: ${first.message}`, file: uri.fsPath, line: first.line };
    for (const { item } of targets.values()) { report.result(item, 'errored', [problem]); for (const c of childrenOf(item)) report.result(c, 'skipped', []); }
    report.output(`✗ ${vscode.workspace.asRelativePath(uri)}: ${problem.message}`, problem);
    return;
  }
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  const editorRunner = await createEditorRunner(uri, { environments: deps.environments, globals: deps.globals, log: deps.log, verbose });
  const runner = new HttpFileRunner(editorRunner.services);
  const reported = new Set<number>();
  runner.onEvent((e) => {
    if (e.type === 'requestStart') {
      const t = targets.get(e.line);
      if (t && !reported.has(e.line)) { report.started(t.item); for (const c of childrenOf(t.item)) report.started(c); }
      if (verbose) deps.log.info(`[test] ${e.label} (line ${e.line + 1})`);
    } else if (e.type === 'requestEnd') {
      reportRequest(deps, report, snap, targets, reported, e.result);
    }
  });
  try {
    report.output(`▶ ${vscode.workspace.asRelativePath(uri)}`);
    const plan = whole ? snap.document : planDocument(snap.document, new Set(targets.keys()));
    await runner.runDocument(plan, uri.fsPath, snap.text, { timeout: editorRunner.timeout, signal: abort.signal });
  } finally {
    runner.dispose();
    editorRunner.dispose();
    sub.dispose();
  }
}

function reportRequest(deps: TestRunDeps, report: RunReport, snap: FileSnapshot, targets: Map<number, { item: vscode.TestItem; discovered: DiscoveredRequest }>, reported: Set<number>, result: RequestResult): void {
  const t = targets.get(result.line);
  const outcome = requestOutcome(result, t?.discovered);
  if (!t || reported.has(result.line)) {
    report.output(`  (no tests) ${outcome.output}`, { file: result.file, line: result.line });
    return;
  }
  reported.add(result.line);
  report.output(outcome.output, { file: result.file, line: result.line }, t.item);
  for (const test of outcome.tests) {
    const id = testId(snap.uri, t.discovered.key, test.key);
    const item = t.item.children.get(id) ?? deps.tree.dynamicTest(t.item, test.key, test.name, test.file, test.line);
    if (test.dynamic) report.started(item);
    report.result(item, test.state, test.problems);
  }
  report.result(t.item, outcome.state, outcome.problems, outcome.duration);
}
