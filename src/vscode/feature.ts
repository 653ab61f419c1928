import type * as vscode from 'vscode';

/** What every feature module gets from the composition root. */
export interface FeatureDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}

/**
 * What a feature module hands back: everything to dispose, and an object the integration tests read
 * through the extension's exports (panel state, last results) instead of scraping pixels.
 */
export interface Feature<TestApi = unknown> {
  disposables: vscode.Disposable[];
  testApi?: TestApi;
}
