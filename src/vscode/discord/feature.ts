import * as vscode from 'vscode';
import { EmptyTree } from '../emptyTree';
import type { Feature, FeatureDeps } from '../feature';

/** Builds and wires the discord feature. */
export function registerDiscordFeature(_deps: FeatureDeps): Feature {
  return { disposables: [vscode.window.registerTreeDataProvider('apihook.discord', new EmptyTree())] };
}
