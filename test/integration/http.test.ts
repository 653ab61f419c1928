import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HttpTestApi } from '../../src/vscode/http/controller';
import { extension, screenshot, waitFor, workspaceRoot } from './host';

interface Received { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

// the feature's own declaration (type-only: nothing of src is bundled into the test)

/** A local server that answers JSON and remembers what it received. */
const held: http.ServerResponse[] = [];

async function startServer(name: string, big?: string): Promise<{ server: http.Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow')) {
        held.push(res); // answered only when the test ends
        return;
      }
      if (req.url?.startsWith('/big')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(big);
        return;
      }
      const payload = req.url?.startsWith('/users') && req.method === 'GET'
        ? [{ id: 'u-1', name: 'Ada Lovelace', roles: ['admin'] }, { id: 'u-2', name: 'Grace Hopper', roles: ['dev'] }]
        : { server: name, method: req.method, path: req.url, received: body ? JSON.parse(body) as unknown : null };
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Server': name, 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function api(): HttpTestApi {
  return (extension().exports as unknown as { testing: { http: HttpTestApi } }).testing.http;
}

async function writeHttp(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceRoot(), 'http', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  return doc;
}

async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return waitFor('CodeLenses', async () => {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ours = (all ?? []).filter((l) => l.command?.command.startsWith('apihook.') || l.command?.title.startsWith('✓') || l.command?.title.startsWith('✗'));
    return ours.length ? ours : undefined;
  });
}

/** Waits until the panel reports it rendered the exchange the extension last showed. */
async function rendered(): Promise<NonNullable<ReturnType<HttpTestApi['panelState']>>> {
  return waitFor('the response panel to render', () => {
    const s = api().panelState();
    return s && s.id === api().lastShownId() ? s : undefined;
  });
}

describe('HTTP requests: CodeLens, response panel, environments, history', () => {
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  let demo: vscode.TextDocument;

  before(async () => {
    const ext = extension();
    await ext.activate();
    a = await startServer('local', JSON.stringify({ items: Array.from({ length: 60000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'], note: 'x'.repeat(120) })) }));
    b = await startServer('staging');
    process.env.APIHOOK_TEST_LOCAL_URL = a.url;
    process.env.APIHOOK_TEST_STAGING_URL = b.url;
  });

  after(async () => {
    await vscode.commands.executeCommand('apihook.switchEnvironment', null);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const r of held.splice(0)) r.destroy();
    a?.server.close();
    b?.server.close();
  });

  it('shows Send Request above every request and Send All on the first', async () => {
    demo = await writeHttp('demo.http', [
      `@base = ${a.url}`,
      '',
      '### List users',
      '# @name users',
      'GET {{base}}/users?limit=2',
      'Accept: application/json',
      '',
      '?? status == 200',
      '?? body $[0].name == Ada Lovelace',
      '',
      '### Create a user',
      'POST {{base}}/users',
      'Content-Type: application/json',
      'Authorization: Bearer s3cr3t-value',
      '',
      '{ "name": "Ada", "after": "{{users.response.body.$[1].id}}" }',
      '',
    ].join('\n'));
    const ls = await lenses(demo);
    const send = ls.filter((l) => l.command?.command === 'apihook.sendRequest');
    const all = ls.filter((l) => l.command?.command === 'apihook.sendAllRequests');
    assert.deepEqual(send.map((l) => l.range.start.line), [4, 11]);
    assert.ok(send.every((l) => /Send Request/.test(l.command!.title)));
    assert.deepEqual(send.map((l) => l.command!.arguments![1]), [4, 11]);
    assert.equal(String(send[0]!.command!.arguments![0]), String(demo.uri));
    assert.equal(all.length, 1);
    assert.equal(all[0]!.range.start.line, 4);
    assert.match(all[0]!.command!.title, /Send All/);
  });

  it('sends the request through the CodeLens command and the panel renders status, headers and a JSON body', async () => {
    const before = a.received.length;
    const lens = (await lenses(demo)).find((l) => l.command?.command === 'apihook.sendRequest')!;
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    assert.equal(a.received.length, before + 1);
    const got = a.received[a.received.length - 1]!;
    assert.equal(got.method, 'GET');
    assert.equal(got.url, '/users?limit=2');
    assert.equal(got.headers.accept, 'application/json');
    const res = api().lastResponse()!;
    assert.equal(res.status, 200);
    assert.match(res.bodyText, /Ada Lovelace/);
    const panel = await rendered();
    assert.equal(panel.statusText, '200 OK');
    assert.equal(panel.bodyView, 'json');
    assert.equal(panel.title, 'users');
    assert.equal(panel.headerCount, res.headers.length);
    assert.ok(panel.headerCount >= 4, `headers rendered: ${panel.headerCount}`);
    assert.ok(panel.bodyChars > 0);
    // the assertions' result appears as a CodeLens on the request
    const summary = await waitFor('the assertion summary lens', async () => (await lenses(demo)).find((l) => l.command?.title === '✓ 2/2'));
    assert.equal(summary.range.start.line, 4);
  });

  it('Send All sends every request in order, chaining the second to the first', async () => {
    const before = a.received.length;
    await vscode.commands.executeCommand('apihook.sendAllRequests', demo.uri);
    const mine = a.received.slice(before);
    assert.deepEqual(mine.map((r) => `${r.method} ${r.url}`), ['GET /users?limit=2', 'POST /users']);
    assert.deepEqual(JSON.parse(mine[1]!.body), { name: 'Ada', after: 'u-2' });
    assert.equal(mine[1]!.headers.authorization, 'Bearer s3cr3t-value');
    const panel = await rendered();
    assert.equal(panel.statusText, '201 Created');
    assert.equal(api().lastResponse()!.status, 201);
    // history keeps method, masked URL and status; no secret header value anywhere
    const h = api().history();
    assert.equal(h[0]!.method, 'POST');
    assert.equal(h[0]!.status, 201);
    assert.ok(!JSON.stringify(h).includes('s3cr3t-value'));
    assert.ok(h.length >= 3);
  });

  it('copies the shown request as cURL with its real credentials, and re-runs it', async () => {
    await api().panelAction('copyCurl');
    const curl = await vscode.env.clipboard.readText();
    assert.match(curl, /^curl '/);
    assert.ok(curl.includes(`'${a.url}/users'`), curl);
    assert.ok(curl.includes(`-H 'Authorization: Bearer s3cr3t-value'`), curl);
    assert.ok(curl.includes(`--data-binary '{ "name": "Ada", "after": "u-2" }'`), curl);
    await api().panelAction('copyBody');
    assert.equal(JSON.parse(await vscode.env.clipboard.readText()).server, 'local');
    const before = a.received.length;
    await api().panelAction('rerun');
    assert.deepEqual(a.received.slice(before).map((r) => `${r.method} ${r.url}`), ['GET /users?limit=2', 'POST /users']);
  });

  it('the selected environment decides which server receives the request', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'http', 'environments.http'));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const line = (await lenses(doc)).find((l) => l.command?.command === 'apihook.sendRequest')!.range.start.line;

    assert.deepEqual(await api().environmentNames(), ['local', 'staging']);
    await vscode.commands.executeCommand('apihook.switchEnvironment', 'local');
    assert.equal(api().currentEnvironment(), 'local');
    assert.match(api().environmentStatusText(), /local/);
    const [beforeA, beforeB] = [a.received.length, b.received.length];
    await vscode.commands.executeCommand('apihook.sendRequest', doc.uri, line);
    assert.equal(a.received.length, beforeA + 1);
    assert.equal(b.received.length, beforeB);
    assert.equal(a.received[a.received.length - 1]!.url, '/v1/whoami');
    assert.equal(a.received[a.received.length - 1]!.headers.authorization, 'Bearer local-token');

    await vscode.commands.executeCommand('apihook.switchEnvironment', 'staging');
    assert.equal(api().currentEnvironment(), 'staging');
    await vscode.commands.executeCommand('apihook.sendRequest', doc.uri, line);
    assert.equal(a.received.length, beforeA + 1);
    assert.equal(b.received.length, beforeB + 1);
    assert.equal(b.received[b.received.length - 1]!.headers.authorization, 'Bearer staging-token');
    assert.equal(JSON.parse(api().lastResponse()!.bodyText).server, 'staging');
  });

  it('a refused port is a plain error message, not a crash', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const doc = await writeHttp('refused.http', `GET http://127.0.0.1:${port}/nothing?api_key=abc123\n`);
    const result = await vscode.commands.executeCommand('apihook.sendRequest', doc.uri, 0);
    assert.equal(result, undefined);
    assert.match(api().lastError() ?? '', new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port}`));
    const panel = await rendered();
    assert.equal(panel.statusText, 'No response');
    const entry = api().history()[0]!;
    assert.ok(entry.error);
    assert.ok(!entry.url.includes('abc123'), `history URL is masked: ${entry.url}`);
  });

  it('names an undefined variable instead of sending when no environment is selected', async () => {
    await vscode.commands.executeCommand('apihook.switchEnvironment', null);
    assert.equal(api().currentEnvironment(), undefined);
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'http', 'environments.http'));
    const line = (await lenses(doc)).find((l) => l.command?.command === 'apihook.sendRequest')!.range.start.line;
    const before = a.received.length + b.received.length;
    await vscode.commands.executeCommand('apihook.sendRequest', doc.uri, line);
    assert.match(api().lastError() ?? '', /baseUrl/);
    assert.equal(a.received.length + b.received.length, before);
  });

  it('Cancel Request stops a request in flight', async () => {
    const doc = await writeHttp('slow.http', `GET ${a.url}/slow\n`);
    const before = a.received.length;
    const sending = vscode.commands.executeCommand('apihook.sendRequest', doc.uri, 0);
    await waitFor('the slow request to arrive', () => a.received.length > before);
    await vscode.commands.executeCommand('apihook.cancelRequest');
    assert.equal(await sending, undefined);
    const entry = api().history()[0]!;
    assert.match(entry.error ?? '', /cancel/i);
  });

  it('opens one panel per request when apihook.response.panelPerRequest is on', async () => {
    const config = vscode.workspace.getConfiguration('apihook.response');
    await config.update('panelPerRequest', true, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('apihook.sendRequest', demo.uri, 4);
      await vscode.commands.executeCommand('apihook.sendRequest', demo.uri, 11);
      assert.equal(api().panelCount(), 2);
      await vscode.commands.executeCommand('apihook.sendRequest', demo.uri, 4);
      assert.equal(api().panelCount(), 2, 'the same request reuses its panel');
    } finally {
      await config.update('panelPerRequest', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('renders the first part of a 10 MB JSON body and pages the rest on request', async () => {
    const doc = await writeHttp('big.http', `GET ${a.url}/big\n`);
    await vscode.commands.executeCommand('apihook.sendRequest', doc.uri, 0);
    const res = api().lastResponse()!;
    assert.equal(res.status, 200);
    const panel = await rendered();
    assert.equal(panel.bodyView, 'json');
    assert.equal(panel.bodyChars, 256 * 1024, 'only the first 256 KB are on screen');
    api().showMoreBody();
    const more = await waitFor('the next piece of the body', () => {
      const s = api().panelState();
      return s && s.bodyChars > 256 * 1024 ? s : undefined;
    });
    assert.equal(more.bodyChars, (256 + 1024) * 1024);
    assert.ok(res.bodyText.length <= 64 * 1024);
  });

  it('re-opens a request from the history without sending it, and re-sends it', async () => {
    const before = a.received.length + b.received.length;
    const entry = api().history().find((e) => e.method === 'POST')!;
    await vscode.commands.executeCommand('apihook.showHistory', entry.id, 'open');
    const panel = await rendered();
    assert.equal(panel.statusText, '201 Created');
    assert.equal(a.received.length + b.received.length, before);
    // and sends it again from its .http file (the chained request it needs goes first)
    const beforeA = a.received.length;
    await vscode.commands.executeCommand('apihook.showHistory', entry.id, 'resend');
    assert.deepEqual(a.received.slice(beforeA).map((r) => `${r.method} ${r.url}`), ['GET /users?limit=2', 'POST /users']);
    assert.equal((await rendered()).statusText, '201 Created');
  });

  it('screenshot: CodeLens in the editor and the response panel beside it', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    for (const f of ['big.http', 'slow.http', 'refused.http']) fs.rmSync(path.join(workspaceRoot(), 'http', f), { force: true });
    await vscode.commands.executeCommand('apihook.switchEnvironment', 'local');
    // the ApiHook sidebar with the Requests tree, the editor with its CodeLenses, the response beside it
    await vscode.commands.executeCommand('workbench.view.extension.apihook');
    await vscode.commands.executeCommand('apihook.requests.focus');
    demo = await vscode.workspace.openTextDocument(demo.uri);
    await vscode.window.showTextDocument(demo, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('apihook.sendAllRequests', demo.uri);
    await vscode.commands.executeCommand('apihook.sendRequest', demo.uri, 4);
    const panel = await rendered();
    assert.equal(panel.statusText, '200 OK');
    await screenshot('http-response');
  });
});
