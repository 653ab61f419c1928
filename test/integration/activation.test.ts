import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, screenshot, workspaceRoot } from './host';

describe('ApiHook in a real extension host', () => {
  it('runs as a workspace extension in the host under test', () => {
    const ext = extension();
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    console.log(`[env] VS Code ${vscode.version}, extension host Node ${process.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  it('activates when an .http file is opened', async () => {
    const ext = extension();
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'requests.http'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'http');
    const deadline = Date.now() + 20000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ext.isActive, true, 'opening an .http file should activate ApiHook');
    assert.equal(ext.exports.version, ext.packageJSON.version);
  });

  it('registers every command it contributes', async () => {
    const contributed: string[] = extension().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !all.has(c));
    assert.deepEqual(missing, []);
    assert.ok(contributed.length > 0);
  });

  it('shows the ApiHook container with its Requests, Webhooks and Discord views', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.apihook');
    for (const id of ['apihook.requests', 'apihook.webhooks', 'apihook.discord']) {
      // `<view id>.focus` exists only for a contributed view; executing it opens the view.
      await vscode.commands.executeCommand(`${id}.focus`);
    }
    await screenshot('sidebar');
  });

  it('New Request File opens an untitled http document', async () => {
    await vscode.commands.executeCommand('apihook.newRequestFile');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'http');
    assert.match(editor.document.getText(), /^GET \{\{baseUrl\}\}\/get/m);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  if (process.env.APIHOOK_FAIL_ON_PURPOSE) {
    it('fails on purpose (APIHOOK_FAIL_ON_PURPOSE is set) to prove a failure turns the run red', () => {
      assert.equal(1, 2, 'deliberate failure');
    });
  }
});
