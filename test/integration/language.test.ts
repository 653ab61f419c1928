import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceRoot } from './host';

interface LanguageTestApi {
  requestsTree: vscode.TreeDataProvider<{ kind: string; uri: vscode.Uri; request?: { method: string; url: string; name?: string } }> & { parseCount: number };
  diagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]>;
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), rel));
  await vscode.window.showTextDocument(doc);
  await waitFor('ApiHook to activate', () => extension().isActive || undefined);
  return doc;
}

function api(): LanguageTestApi {
  return (extension().exports as unknown as { testing: { language: LanguageTestApi } }).testing.language;
}

describe('language features for .http files', () => {
  it('outlines every request and file variable', async () => {
    const doc = await open('language/outline.http');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names, ['@host', '@token', 'login', 'Who am I']);
    const login = symbols.find((s) => s.name === 'login')!;
    assert.equal(login.selectionRange.start.line, 5, 'the request line of "login"');
  });

  it('goes to the definition of a file variable and of a named request', async () => {
    const doc = await open('language/outline.http');
    const hostUse = doc.getText().indexOf('{{host}}/me');
    const defs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(hostUse + 3));
    assert.equal(defs[0].range.start.line, 0);
    const chain = doc.getText().indexOf('{{login.response');
    const defs2 = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(chain + 4));
    assert.equal(defs2[0].range.start.line, 5);
  });

  it('completes variables inside {{ }} and header names', async () => {
    const doc = await open('language/outline.http');
    const line = doc.lineAt(13);
    const pos = new vscode.Position(13, line.text.indexOf('{{') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const expected of ['host', 'token', 'login.response.body.$.', '$guid']) assert.ok(labels.includes(expected), `missing ${expected} in ${labels.join(', ')}`);
  });

  it('hovers {{variables}} with their value and source, masking secret-looking names', async () => {
    const doc = await open('language/outline.http');
    const text = doc.getText();
    const hoverText = async (offset: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    };
    const host = await hoverText(text.indexOf('{{host}}/me') + 3);
    assert.match(host, /http:\/\/127\.0\.0\.1:9/);
    assert.match(host, /file variable/);
    await vscode.workspace.fs.writeFile(vscode.Uri.file(path.join(workspaceRoot(), 'language/secret.http')), Buffer.from('@apiToken = supersecretvalue\nGET http://127.0.0.1:9/?t={{apiToken}}\n'));
    const secretDoc = await open('language/secret.http');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', secretDoc.uri, secretDoc.positionAt(secretDoc.getText().indexOf('{{apiToken}}') + 3));
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.doesNotMatch(shown, /supersecretvalue/);
    assert.match(shown, /masked/);
  });

  it('reports a variable nothing defines, at its place, and not the defined ones', async () => {
    const doc = await open('language/outline.http');
    const diags = await api().diagnostics(doc.uri);
    const unresolved = diags.filter((d) => d.code === 'unresolved-variable');
    assert.deepEqual(unresolved.map((d) => doc.getText(d.range)), ['nowhereDefined']);
    assert.equal(unresolved[0].range.start.line, 13);
    const shown = await waitFor('the Problems entry', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'unresolved-variable'));
    assert.match(shown.message, /nowhereDefined/);
  });

  it('lists the workspace .http files and their requests in the Requests view, parsing unchanged files once', async () => {
    const tree = api().requestsTree;
    const files = await tree.getChildren();
    const outline = files!.find((f) => f.uri.path.endsWith('language/outline.http'));
    assert.ok(outline, `outline.http among ${files!.map((f) => f.uri.path).join(', ')}`);
    const children = await tree.getChildren(outline);
    assert.deepEqual(children!.map((c) => `${c.request!.method} ${c.request!.name ?? ''}`), ['POST login', 'GET ']);
    const before = tree.parseCount;
    await tree.getChildren(outline);
    assert.equal(tree.parseCount, before, 'an unchanged file is not parsed again');
    const item = await tree.getTreeItem(children![0]);
    assert.equal(item.contextValue, 'apihook.request');
    assert.equal(item.command?.command, 'vscode.open');
  });
});
