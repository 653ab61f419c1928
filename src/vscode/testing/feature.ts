import * as vscode from 'vscode';
import { GlobalStore } from '../../core/http/scripts/globalStore';
import type { Feature, FeatureDeps } from '../feature';
import { EnvironmentService } from '../http/environmentService';
import type { RunRecord } from './runReport';
import { reportSendResults, type SentRequest } from './sendResults';
import { runTests } from './testRun';
import { HttpTestTree } from './testTree';

export interface ItemSummary {
  id: string;
  label: string;
  description?: string;
  /** file path of the item */
  file?: string;
  /** 0-based first line of its range */
  line?: number;
  children: ItemSummary[];
}

/** What the integration tests read through the extension's exports (`testing.testing`). */
export interface TestingTestApi {
  controller: vscode.TestController;
  /** scans the workspace (as opening the Testing view does) and waits for it */
  resolveAll(): Promise<void>;
  /** the controller's items as plain data */
  items(): ItemSummary[];
  /** runs the given item ids (all when none) through the Run profile, or the Debug profile */
  run(ids?: string[], kind?: 'run' | 'debug', token?: vscode.CancellationToken): Promise<RunRecord>;
  runAll(): Promise<RunRecord>;
  /** the record of the most recent run, or undefined */
  lastRun(): RunRecord | undefined;
  /** true when "Send Request" / "Send All" results are reported here (the send service's event was wired in) */
  reportsSends: boolean;
  /** shows an item in the Testing view (expanding its parents) */
  reveal(id: string): Promise<void>;
}

function summarize(item: vscode.TestItem): ItemSummary {
  const children: ItemSummary[] = [];
  item.children.forEach((c) => children.push(summarize(c)));
  children.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { id: item.id, label: item.label, description: item.description, file: item.uri?.fsPath, line: item.range?.start.line, children };
}

function findItem(controller: vscode.TestController, id: string): vscode.TestItem | undefined {
  let found: vscode.TestItem | undefined;
  const visit = (c: vscode.TestItemCollection) => c.forEach((i) => { if (i.id === id) found = i; else if (!found) visit(i.children); });
  visit(controller.items);
  return found;
}

/**
 * The Test Explorer for .http files: requests with `??` assertions or response handlers are tests,
 * their `client.test`s are sub-tests. Run runs them through the core runner; Debug runs them the same
 * way with every step written to the ApiHook log. `sent` (the http feature's send service's
 * `onDidSend`) brings the results of "Send Request" / "Send All" into the Test Explorer too.
 */
export function registerTestingFeature({ context, log }: FeatureDeps, sent?: vscode.Event<SentRequest>, globals: GlobalStore = new GlobalStore()): Feature<TestingTestApi> {
  const controller = vscode.tests.createTestController('apihook', 'ApiHook .http tests');
  const tree = new HttpTestTree(controller);
  const deps = { controller, tree, environments: EnvironmentService.for(context), globals, log };
  let last: RunRecord | undefined;

  controller.resolveHandler = async (item) => { if (!item) await tree.resolveAll(); };
  controller.refreshHandler = () => tree.refresh();
  const handler = (verbose: boolean) => async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    if (verbose) log.show(true);
    last = undefined;
    try {
      const report = runTests(deps, request, token, verbose);
      last = (await report).record;
    } catch (err) {
      log.error(`test run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  };
  const runProfile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, handler(false), true);
  const debugProfile = controller.createRunProfile('Debug (log every step)', vscode.TestRunProfileKind.Debug, handler(true), true);

  const run = async (ids?: string[], kind: 'run' | 'debug' = 'run', token?: vscode.CancellationToken): Promise<RunRecord> => {
    await tree.resolveAll();
    const include = ids?.map((id) => {
      const item = findItem(controller, id);
      if (!item) throw new Error(`no test item ${id}`);
      return item;
    });
    const profile = kind === 'debug' ? debugProfile : runProfile;
    const source = new vscode.CancellationTokenSource();
    try {
      await profile.runHandler(new vscode.TestRunRequest(include, undefined, profile), token ?? source.token);
    } finally {
      source.dispose();
    }
    if (!last) throw new Error('the run left no record (see the ApiHook log)');
    return last;
  };

  return {
    disposables: [controller, tree, runProfile, debugProfile, ...(sent ? [reportSendResults(sent, controller, tree, (r) => { last = r; })] : [])],
    testApi: {
      controller,
      resolveAll: () => tree.resolveAll(),
      items: () => {
        const out: ItemSummary[] = [];
        controller.items.forEach((i) => out.push(summarize(i)));
        return out.sort((a, b) => a.id.localeCompare(b.id));
      },
      run,
      runAll: () => run(),
      lastRun: () => last,
      reportsSends: !!sent,
      reveal: async (id) => {
        const item = findItem(controller, id);
        if (item) await vscode.commands.executeCommand('vscode.revealTestInExplorer', item);
      },
    },
  };
}
