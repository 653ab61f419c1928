import * as vscode from 'vscode';
import type { RequestResult } from '../../core/http/run/results';
import { requestOutcome } from './outcomes';
import { RunReport, type RunRecord } from './runReport';
import { requestId, testId, type HttpTestTree } from './testTree';

/** What the http feature's send service reports per finished request (its `onDidSend` event carries this). */
export interface SentRequest {
  result: RequestResult;
  uri: vscode.Uri;
}

/**
 * Shows the results of "Send Request" / "Send All" in the Test Explorer: the requests of one send
 * (they arrive together) become one test run named "Send All", reported like a run from the profile.
 */
export function reportSendResults(
  sent: vscode.Event<SentRequest>,
  controller: vscode.TestController,
  tree: HttpTestTree,
  onRecord: (record: RunRecord) => void,
): vscode.Disposable {
  let batch: SentRequest[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async () => {
    timer = undefined;
    const items = batch;
    batch = [];
    const byFile = new Map<string, SentRequest[]>();
    for (const s of items) {
      if (s.uri.scheme !== 'file') continue;
      const list = byFile.get(s.uri.toString()) ?? [];
      list.push(s);
      byFile.set(s.uri.toString(), list);
    }
    for (const list of byFile.values()) await reportFile(list);
  };
  const reportFile = async (list: SentRequest[]) => {
    const uri = list[0]!.uri;
    const snap = tree.snapshot(uri) ?? (await tree.sync(uri));
    const file = controller.items.get(uri.toString());
    if (!snap || !file) return;
    const targets = list.flatMap((s) => {
      const discovered = snap.requests.find((r) => r.block.requestLine === s.result.line);
      const item = discovered && file.children.get(requestId(uri, discovered.key));
      return discovered && item ? [{ s, discovered, item }] : [];
    });
    if (!targets.length) return;
    const report = new RunReport(controller.createTestRun(new vscode.TestRunRequest(targets.map((t) => t.item)), 'Send All', true));
    try {
      for (const { s, discovered, item } of targets) {
        const outcome = requestOutcome(s.result, discovered);
        report.started(item);
        report.output(outcome.output, { file: s.result.file, line: s.result.line }, item);
        for (const test of outcome.tests) {
          const child = item.children.get(testId(uri, discovered.key, test.key)) ?? tree.dynamicTest(item, test.key, test.name, test.file, test.line);
          report.result(child, test.state, test.problems);
        }
        report.result(item, outcome.state, outcome.problems, outcome.duration);
      }
    } finally {
      report.end();
      onRecord(report.record);
    }
  };
  const sub = sent((s) => {
    batch.push(s);
    timer ??= setTimeout(() => void flush().catch(() => undefined), 50);
  });
  return new vscode.Disposable(() => { sub.dispose(); clearTimeout(timer); });
}
