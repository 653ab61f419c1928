import * as vscode from 'vscode';
import { HttpCommandIds } from './commandIds';
import type { EnvironmentService } from './environmentService';

const NONE = 'No Environment';

/** The status bar item that shows the selected environment; visible while an .http editor is active. */
export class EnvironmentStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apihook.environment', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly environments: EnvironmentService) {
    this.item.name = 'ApiHook Environment';
    this.item.command = HttpCommandIds.switchEnvironment;
    this.disposables.push(
      environments.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** the text shown, for tests */
  get text(): string { return this.item.text; }

  update(): void {
    const name = this.environments.current;
    this.item.text = `$(globe) ${name ?? NONE}`;
    this.item.tooltip = name ? `ApiHook environment: ${name} (click to switch)` : 'ApiHook: no environment selected (click to pick one)';
    if (vscode.window.activeTextEditor?.document.languageId === 'http') this.item.show(); else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * "ApiHook: Switch Environment": with a name argument it selects that environment directly (tests,
 * keybindings); an empty string or null clears it; without one it shows a quick pick.
 */
export async function switchEnvironment(environments: EnvironmentService, name?: string | null): Promise<string | undefined> {
  if (typeof name === 'string' || name === null) {
    await environments.select(name || undefined);
    return environments.current;
  }
  const names = await environments.list();
  const current = environments.current;
  type Item = vscode.QuickPickItem & { env?: string };
  const items: Item[] = [
    { label: NONE, description: current ? undefined : 'selected', detail: 'Only file variables and system variables' },
    ...names.map((n) => ({ label: n, env: n, description: n === current ? 'selected' : undefined })),
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'ApiHook: Switch Environment',
    placeHolder: names.length ? 'Environment for {{variables}} (http-client.env.json, settings)' : 'No environments found: add http-client.env.json or the apihook.environment.variables setting',
  });
  if (!pick) return current;
  await environments.select(pick.env);
  return environments.current;
}
