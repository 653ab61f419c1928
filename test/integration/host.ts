// Helpers for integration tests: the extension under test, waiting, and workbench screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'apihook.apihook';

export function extension(): vscode.Extension<{ version: string }> {
  const ext = vscode.extensions.getExtension<{ version: string }>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return folder.uri.fsPath;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Asks the launcher for a PNG of the whole workbench (it watches the log for the marker) and waits
 * until the file exists. Does nothing when the launcher gave no screenshot folder.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  const dir = process.env.APIHOOK_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const variant = process.env.APIHOOK_SCREENSHOT_VARIANT ?? 'host';
  const file = path.join(dir, `${name}-${variant}.png`);
  try { fs.rmSync(file); } catch { /* none yet */ }
  // Chat and other auxiliary panels only crowd the picture.
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  await new Promise((r) => setTimeout(r, 600)); // let the workbench paint
  console.log(`[apihook-screenshot] ${name}-${variant}`);
  await waitFor(`screenshot ${file}`, () => fs.existsSync(file) && fs.statSync(file).size > 0, 15000);
  return file;
}
