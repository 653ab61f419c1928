import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { makePng } from '../../src/core/discord/png';
import * as vscode from 'vscode';
import { screenshot, waitFor, workspaceRoot } from './host';
import { api, captureFor, githubHeaders, GITHUB_SECRET, post, STRIPE_SECRET, XSS_IMG, XSS_SCRIPT } from './webhookHelpers';

/**
 * Presses Enter in whatever quick input the command opens (an input box with its offered value, or a
 * quick pick on its first item), as a user would, until the command has finished; returns its result.
 */
async function withEnter<T>(command: Thenable<T>): Promise<T> {
  let settled = false;
  const done = Promise.resolve(command).finally(() => { settled = true; });
  await waitFor('the command to take Enter in its quick input', async () => {
    if (settled) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return undefined;
  });
  return done;
}

describe('Webhooks: listener, tree and capture panel', function () {
  this.timeout(120000);
  let base = '';
  let ghId = '';
  let app: Server | undefined;
  const appRequests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
  const push = fs.readFileSync(path.join(workspaceRoot(), 'webhooks', 'github-push.json'), 'utf8').trim();

  before(async () => {
    // A free port for this run, through the real setting.
    await vscode.workspace.getConfiguration('apihook.webhook').update('port', 0, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('apihook.webhook.clear', false);
  });

  after(async () => {
    await vscode.commands.executeCommand('apihook.webhook.stop');
    await vscode.commands.executeCommand('apihook.webhook.clear', false);
    await vscode.workspace.getConfiguration('apihook.webhook').update('port', undefined, vscode.ConfigurationTarget.Workspace);
    await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
  });

  it('starts the listener from the command and shows it in the status bar', async () => {
    // Stopped, no captures yet, but the rules file names endpoints: the view shows them (with no endpoints it would be empty and show its welcome text).
    assert.deepEqual(await api().treeRoots(), ['listener', 'endpoints', 'captures']);
    const url = await vscode.commands.executeCommand<string>('apihook.webhook.start');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(api().listenerUrl(), url);
    base = url;
    const port = new URL(url).port;
    assert.match(api().statusBarText() ?? '', new RegExp(`^\\$\\(radio-tower\\) ${port} · \\d+$`));
    await vscode.commands.executeCommand('apihook.webhooks.focus');
    assert.deepEqual(await api().treeRoots(), ['listener', 'endpoints', 'captures']);
  });

  it('checks a GitHub-signed POST with the secret set through the command, and lists it in the tree as valid', async () => {
    // No secret yet: the capture says so.
    await vscode.commands.executeCommand('apihook.webhook.setSecret', 'github', '');
    const res = await post(`${base}/github`, push, githubHeaders(push, GITHUB_SECRET));
    assert.equal(res.status, 200);
    const { id } = JSON.parse(res.text) as { id: string };
    const cap = await captureFor((c) => c.id === id, 'the GitHub capture');
    ghId = id;
    assert.equal(cap.method, 'POST');
    assert.equal(cap.path, '/github');
    assert.deepEqual(cap.signature, { provider: 'github', valid: null });

    // Setting the secret through the command checks that capture again.
    const saved = await vscode.commands.executeCommand<string>('apihook.webhook.setSecret', 'github', GITHUB_SECRET);
    assert.equal(saved, 'github');
    assert.deepEqual(api().captures().find((c) => c.id === id)?.signature, { provider: 'github', valid: true });
    await vscode.commands.executeCommand('apihook.webhook.setSecret', 'stripe', STRIPE_SECRET);

    // A wrong secret gives an invalid signature, shown with its own icon.
    const bad = await post(`${base}/github`, push, githubHeaders(push, 'not-the-secret'));
    const badId = (JSON.parse(bad.text) as { id: string }).id;
    assert.deepEqual((await captureFor((c) => c.id === badId, 'the bad GitHub capture')).signature, { provider: 'github', valid: false });

    const items = await waitFor('tree items for both captures', async () => {
      const all = await api().treeItems();
      return all.length >= 2 ? all : undefined;
    });
    assert.equal(items[0].label, 'POST /github');
    assert.equal(items[0].icon, 'error');
    assert.equal(items[1].icon, 'verified-filled');
    assert.match(items[1].tooltip, /github signature valid/);
  });

  it('answers by the rules file, checks Stripe, and lets the Discord emulator answer its paths', async () => {
    const queued = await post(`${base}/queue/jobs`, '{"job":1}', { 'content-type': 'application/json' });
    assert.equal(queued.status, 202);
    assert.equal(queued.text, '{"queued":true}');

    const event = fs.readFileSync(path.join(workspaceRoot(), 'webhooks', 'stripe-event.json'), 'utf8').trim();
    const t = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', STRIPE_SECRET).update(`${t}.${event}`).digest('hex');
    const stripe = await post(`${base}/stripe`, event, { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': `t=${t},v1=${sig}`, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' });
    const stripeId = (JSON.parse(stripe.text) as { id: string }).id;
    assert.deepEqual((await captureFor((c) => c.id === stripeId, 'the Stripe capture')).signature, { provider: 'stripe', valid: true });

    const discord = await post(`${base}/api/webhooks/123456789012345678/token?wait=true`, JSON.stringify({ content: 'Deploy finished', username: 'CI' }), { 'content-type': 'application/json' });
    assert.equal(discord.status, 200);
    assert.equal((JSON.parse(discord.text) as { content: string }).content, 'Deploy finished');
    const empty = await post(`${base}/api/webhooks/123456789012345678/token`, '{}', { 'content-type': 'application/json' });
    assert.equal(empty.status, 400, 'the emulator rejects an empty message like Discord');
    await captureFor((c) => c.path.startsWith('/api/webhooks/') , 'the Discord capture');
  });

  it('opens the capture panel at the GitHub capture and renders its headers and pretty body', async () => {
    await vscode.commands.executeCommand('apihook.webhook.openCapture', ghId, 'headers');
    const headers = await api().waitForPanel((s) => s.selectedId === ghId && s.activeTab === 'headers' && /x-hub-signature-256/i.test(s.detailText));
    assert.ok(headers.rowCount >= 5);
    assert.ok(headers.detailText.includes('x-github-eventpush'), 'header names and values as received');

    api().selectInPanel(ghId, 'body');
    const body = await api().waitForPanel((s) => s.selectedId === ghId && s.activeTab === 'body' && s.bodyText.length > 0);
    assert.equal(body.bodyView, 'pretty');
    assert.ok(body.bodyText.startsWith('{\n  "ref": "refs/heads/main"'), body.bodyText);
    await screenshot('webhooks-panel');

    api().selectInPanel(ghId, 'signature');
    const sig = await api().waitForPanel((s) => s.activeTab === 'signature' && s.detailText.includes('github: valid'));
    assert.ok(sig.detailText.includes('github: valid'));
  });

  it('shows a Discord-shaped capture as Discord would render it', async () => {
    const id = (await captureFor((c) => c.path.startsWith('/api/webhooks/') && c.method === 'POST', 'the Discord capture')).id;
    const first = api().captures().filter((c) => c.path.startsWith('/api/webhooks/')).pop();
    await vscode.commands.executeCommand('apihook.webhook.openCapture', first?.id ?? id, 'discord');
    const s = await api().waitForPanel((st) => st.activeTab === 'discord' && st.detailText.includes('Deploy finished'));
    assert.ok(s.detailText.includes('CI'), 'the username shows');
    assert.equal(s.scriptCount, 0);
  });

  it('exports the capture as an .http document with the exact headers and body', async () => {
    await vscode.commands.executeCommand('apihook.webhook.exportHttp', ghId);
    const editor = await waitFor('the exported document', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.isUntitled && e.document.languageId === 'http' ? e : undefined;
    });
    const text = editor.document.getText();
    assert.equal(text, api().exportedHttp());
    assert.match(text, new RegExp(`^POST ${base.replace(/[.]/g, '\\.')}/github$`, 'm'));
    assert.match(text, /^x-hub-signature-256: sha256=[0-9a-f]{64}$/m);
    assert.match(text, /^x-github-event: push$/m);
    assert.ok(text.trimEnd().endsWith(push), 'the body is the exact JSON received');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const curl = await vscode.commands.executeCommand<string>('apihook.webhook.copyCurl', ghId);
    assert.match(curl, /^curl '/);
    assert.match(curl, /-H 'x-hub-signature-256: sha256=/);
    assert.equal(await vscode.env.clipboard.readText(), curl);
  });

  it('replays the capture to a local app and shows the app\'s answer in the panel', async () => {
    app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        appRequests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"handled":true}');
      });
    });
    await new Promise<void>((r) => app?.listen(0, '127.0.0.1', () => r()));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const result = await vscode.commands.executeCommand<{ ok: boolean; status: number }>('apihook.webhook.replay', ghId, appUrl);
    assert.equal(result.ok, true);
    assert.equal(result.status, 201);
    assert.equal(appRequests.length, 1);
    assert.equal(appRequests[0].url, '/github');
    assert.equal(appRequests[0].body.toString('utf8'), push, 'exact body bytes');
    assert.equal(appRequests[0].headers['x-hub-signature-256'], githubHeaders(push, GITHUB_SECRET)['x-hub-signature-256']);

    api().selectInPanel(ghId, 'replay');
    const s = await api().waitForPanel((st) => st.activeTab === 'replay' && st.detailText.includes('201'));
    assert.ok(s.detailText.includes('"handled": true'));

    // The same from the command palette: the URL box offers the last URL used, and Enter replays to it.
    const viaBox = await withEnter(vscode.commands.executeCommand<{ ok: boolean; status: number; url: string }>('apihook.webhook.replay', ghId));
    assert.equal(viaBox?.status, 201);
    assert.equal(viaBox?.url, `${appUrl}/github`);
    assert.equal(appRequests.length, 2);

    // Auto-forward, like `stripe listen --forward-to`, through its URL box (Enter on the last URL used):
    // one capture reaches the app; then its quick pick's first item stops it.
    assert.equal(await withEnter(vscode.commands.executeCommand('apihook.webhook.forwardTo')), appUrl);
    await post(`${base}/github`, push, githubHeaders(push, GITHUB_SECRET));
    await waitFor('the forwarded capture at the app', () => appRequests.length === 3);
    assert.equal(appRequests[2].body.toString('utf8'), push);
    assert.equal(await withEnter(vscode.commands.executeCommand('apihook.webhook.forwardTo')), undefined, 'forwarding stopped from the quick pick');
    assert.equal(await vscode.commands.executeCommand('apihook.webhook.forwardTo', appUrl), appUrl, 'and on again with a URL given');
    assert.equal(await vscode.commands.executeCommand('apihook.webhook.forwardTo', null), undefined);
  });

  it('copies a public URL, or the local one with directions for a tunnel', async () => {
    const r = await vscode.commands.executeCommand<{ url: string; forwarded: boolean }>('apihook.webhook.copyPublicUrl');
    assert.equal(await vscode.env.clipboard.readText(), r.url);
    if (!r.forwarded) assert.equal(r.url, base);
    console.log(`[webhook] asExternalUri gave ${r.forwarded ? 'a forwarded' : 'no forwarded'} URL`);
  });

  it('renders captured markup in a path, a header and a body as text, never as elements', async () => {
    const res = await new Promise<{ id: string }>((resolve, reject) => {
      // node:http sends the path and header bytes as given: no client-side escaping hides the payload.
      const u = new URL(base);
      const req = httpRequest({
        host: u.hostname, port: u.port, path: '/xss/<img/src=x/onerror=__apihookInjected()>', method: 'POST', headers: { 'content-type': 'text/html', 'x-evil': `${XSS_IMG}${XSS_SCRIPT}` },
      }, (r: IncomingMessage) => { let t = ''; r.on('data', (c: Buffer) => (t += c.toString())); r.on('end', () => resolve(JSON.parse(t))); });
      req.on('error', reject);
      req.end(`${XSS_SCRIPT}${XSS_IMG}`);
    });
    const id = res.id;
    await captureFor((c) => c.id === id, 'the XSS capture');

    await vscode.commands.executeCommand('apihook.webhook.openCapture', id, 'headers');
    const h = await api().waitForPanel((s) => s.selectedId === id && s.activeTab === 'headers' && s.detailText.includes(XSS_IMG));
    assert.ok(h.detailText.includes(XSS_SCRIPT), 'the header value shows literally');
    assert.ok(h.detailText.includes('/xss/<img/src=x/onerror=__apihookInjected()>'), 'the path shows literally');
    assert.equal(h.imgCount, 0);
    assert.equal(h.scriptCount, 0);

    api().selectInPanel(id, 'body');
    const b = await api().waitForPanel((s) => s.selectedId === id && s.activeTab === 'body' && s.bodyText.length > 0);
    assert.equal(b.bodyText, `${XSS_SCRIPT}${XSS_IMG}`);
    assert.equal(b.imgCount, 0);
    assert.equal(b.scriptCount, 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api().scriptsExecuted(), 0, 'no injected handler ran');
  });

  it('shows an image as a preview, binary as hex and a form decoded', async () => {
    const png = makePng(64, 32, 0x5865f2, 0x57f287);
    const img = JSON.parse((await post(`${base}/upload`, png, { 'content-type': 'image/png' })).text) as { id: string };
    await captureFor((c) => c.id === img.id, 'the PNG capture');
    await vscode.commands.executeCommand('apihook.webhook.openCapture', img.id, 'body');
    const shown = await api().waitForPanel((s) => s.selectedId === img.id && s.bodyView === 'image' && s.previewImages === 1);
    assert.equal(shown.imgCount, 0, 'the preview is our own element, not captured markup');

    const bin = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x41, 0x42]);
    const b = JSON.parse((await post(`${base}/bin`, bin, { 'content-type': 'application/octet-stream' })).text) as { id: string };
    await captureFor((c) => c.id === b.id, 'the binary capture');
    api().selectInPanel(b.id, 'body');
    const hex = await api().waitForPanel((s) => s.selectedId === b.id && s.bodyView === 'hex' && s.bodyText.length > 0);
    assert.match(hex.bodyText, /^00000000 {2}00 01 02 ff 41 42 /);

    const f = JSON.parse((await post(`${base}/twilio`, 'Body=Hello+%3Cb%3Eworld%3C%2Fb%3E&From=%2B15005550006', { 'content-type': 'application/x-www-form-urlencoded' })).text) as { id: string };
    await captureFor((c) => c.id === f.id, 'the form capture');
    api().selectInPanel(f.id, 'body');
    const form = await api().waitForPanel((s) => s.selectedId === f.id && s.bodyView === 'form' && s.bodyText.length > 0);
    assert.equal(form.bodyText, 'BodyHello <b>world</b>From+15005550006');
    assert.equal(form.imgCount + form.scriptCount, 0);
  });

  it('keeps a 5 MB body responsive: the first part shows at once, with "Show all"', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 60000 }, (_, i) => ({ i, name: `item-${i}`, pad: 'x'.repeat(60) })) });
    assert.ok(big.length > 5 * 1024 * 1024);
    const res = await post(`${base}/bulk`, big, { 'content-type': 'application/json' });
    const id = (JSON.parse(res.text) as { id: string }).id;
    await captureFor((c) => c.id === id, 'the 5 MB capture');
    await vscode.commands.executeCommand('apihook.webhook.openCapture', id, 'body');
    const s = await api().waitForPanel((st) => st.selectedId === id && st.activeTab === 'body' && st.bodyText.length > 0);
    assert.ok(s.bodyText.startsWith('{"items":[{"i":0,"name":"item-0"'), s.bodyText);
    assert.match(s.detailText, /Show all 5\.\d MB/);
    assert.ok(s.bodyLength < big.length, 'only the first part is in the page');
    // "Show all": the rest arrives in slices and is painted piece by piece, frame by frame.
    api().showWholeBody();
    const whole = await api().waitForPanel((st) => st.selectedId === id && st.bodyComplete && st.bodyLength === big.length, 30000);
    assert.equal(whole.bodyLength, big.length);
  });

  it('virtualizes the list: hundreds of captures, only the visible rows in the DOM', async () => {
    const before = api().captures().length;
    const sentBefore = api().panelMessages();
    for (let i = 0; i < 300; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, k) => post(`${base}/load/${i + k}`, `{"n":${i + k}}`, { 'content-type': 'application/json' })));
    }
    await waitFor('300 more captures', () => api().captures().length >= before + 300);
    const s = await api().waitForPanel((st) => st.rowCount >= before + 300);
    assert.ok(s.renderedRows > 0 && s.renderedRows < 120, `rendered ${s.renderedRows} of ${s.rowCount}`);
    // Live: each new capture went as one `append`; the list was never sent again.
    const sent = api().panelMessages();
    assert.ok(sent.appendedRows - sentBefore.appendedRows >= 300, JSON.stringify(sent));
    assert.ok(sent.append > sentBefore.append, JSON.stringify(sent));
    assert.equal(sent.init, sentBefore.init);
    assert.equal(sent.page, sentBefore.page);
  });

  it('filters by body text in the extension host, and by method in the panel', async () => {
    api().setPanelFilter('body', 'payment_intent.succeeded');
    const s = await api().waitForPanel((st) => st.filter === 'payment_intent.succeeded' && st.rowCount === 1);
    assert.equal(s.rowCount, 1);
    api().setPanelFilter('method', 'GET');
    await api().waitForPanel((st) => st.filter === 'GET' && st.rowCount === 0);
    api().setPanelFilter('header', 'x-github-delivery');
    const gh = await api().waitForPanel((st) => st.filter === 'x-github-delivery' && st.rowCount >= 3);
    assert.equal(gh.rowCount, api().captures().filter((c) => c.path === '/github').length);
    api().setPanelFilter('any', '');
    await api().waitForPanel((st) => st.filter === '' && st.rowCount === api().captures().length);
  });

  it('exports captures as HAR and deletes one', async () => {
    const target = vscode.Uri.file(path.join(os.tmpdir(), `apihook-it-${process.pid}.har`));
    await vscode.commands.executeCommand('apihook.webhook.exportHar', { ids: [ghId], target });
    const har = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { log: { entries: Array<{ request: { method: string; postData: { text: string } } }> } };
    assert.equal(har.log.entries.length, 1);
    assert.equal(har.log.entries[0].request.postData.text, push);
    fs.rmSync(target.fsPath, { force: true });

    await vscode.commands.executeCommand('apihook.webhook.delete', ghId);
    assert.equal(api().captures().some((c) => c.id === ghId), false);
  });

  it('holds 10,000 captures (the store bound) and still renders only the visible rows when scrolled to the oldest', async () => {
    const t0 = Date.now();
    const total = 10000;
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < total) {
        const n = sent++;
        await post(`${base}/many/${n}`, `{"n":${n}}`, { 'content-type': 'application/json' });
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    const posted = Date.now() - t0;
    await waitFor('10,000 rows in the tree model', () => api().captures().length === total, 60000);
    const s = await api().waitForPanel((st) => st.rowCount === total, 60000);
    console.log(`[webhook] 10,000 POSTs in ${posted} ms; panel listed them ${Date.now() - t0} ms after the first`);
    assert.ok(s.renderedRows > 0 && s.renderedRows < 120, `rendered ${s.renderedRows} of ${s.rowCount}`);
    const oldest = api().captures()[total - 1];
    api().selectInPanel(oldest.id, 'overview');
    const end = await api().waitForPanel((st) => st.selectedId === oldest.id && st.detailText.includes(oldest.path));
    assert.ok(end.renderedRows > 0 && end.renderedRows < 120, `rendered ${end.renderedRows} at the bottom`);
  });

  it('stops the listener from the command', async () => {
    await vscode.commands.executeCommand('apihook.webhook.stop');
    assert.equal(api().listenerUrl(), undefined);
    assert.equal(api().statusBarText(), undefined);
    await assert.rejects(post(`${base}/github`, '{}', {}), 'nothing listens after Stop');
  });

  it('refuses a port in use with an offer of a free one, and stays stopped', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const url = await vscode.commands.executeCommand<string | undefined>('apihook.webhook.start', taken);
      assert.equal(url, undefined);
      assert.equal(api().listenerUrl(), undefined);
      const conflict = api().lastPortConflict();
      assert.equal(conflict?.port, taken);
      assert.ok(conflict?.freePort && conflict.freePort !== taken, 'a free port is offered');
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
      await vscode.commands.executeCommand('workbench.action.closeNotifications').then(undefined, () => undefined);
    }
  });
});
