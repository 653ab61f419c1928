import * as vscode from 'vscode';
import { EmptyTree } from '../emptyTree';
import type { Feature, FeatureDeps } from '../feature';

/** Builds and wires the http feature. */
export function registerHttpFeature(_deps: FeatureDeps): Feature {
  return { disposables: [vscode.window.registerTreeDataProvider('apihook.requests', new EmptyTree())] };
}
