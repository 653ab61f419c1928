import * as vscode from 'vscode';
import { EmptyTree } from '../emptyTree';
import type { Feature, FeatureDeps } from '../feature';

/** Builds and wires the webhook feature. */
export function registerWebhookFeature(_deps: FeatureDeps): Feature {
  return { disposables: [vscode.window.registerTreeDataProvider('apihook.webhooks', new EmptyTree())] };
}
