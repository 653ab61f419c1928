import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { repoRoot } from './helpers';

/** Every child is killed after each test, so a failing assertion never leaves a listener running. */
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

const cliArgs = ['--require', require.resolve('tsx/cjs'), join(repoRoot, 'src', 'cli.ts')];

/** Runs the CLI to completion without blocking this process (tests serve HTTP to it meanwhile). */
function runCli(args: string[], cwd = repoRoot): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = track(spawn(process.execPath, [...cliArgs, ...args], { cwd }));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Starts `apihook listen … --json` and reads its JSON lines. */
const children = new Set<ChildProcess>();

/** A JSON line printed by `apihook listen --json` or `apihook captures list --json`. */
interface Line {
  event: string; url: string; id: string; method: string; path: string; query: string; rawHeaders: string[];
  bodyBase64: string; bodyText?: string; size: number; signature: unknown;
}

function listen(args: string[]): { child: ChildProcess; next: () => Promise<Line>; exited: Promise<number | null> } {
  const child = track(spawn(process.execPath, [...cliArgs, 'listen', '--port', '0', '--json', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }));
  const lines: string[] = [];
  const waiters: Array<(l: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (l) => { const w = waiters.shift(); if (w) w(l); else lines.push(l); });
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const next = () => new Promise<Line>((resolve, reject) => {
    const take = (l: string) => { try { resolve(JSON.parse(l)); } catch { reject(new Error(`not JSON: ${l}\n${err}`)); } };
    if (lines.length) take(lines.shift()!); else waiters.push(take);
    void exited.then((code) => reject(new Error(`listen exited with ${code}: ${err}`)));
  });
  return { child, next, exited };
}

describe('apihook listen / captures (as processes)', function () {
  this.timeout(30_000);
  let dir: string;
  let app: Server | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'apihook-cli-')); });
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (app) await new Promise<void>((r) => app!.close(() => r()));
    app = undefined;
  });

  it('prints listening then one JSON line per capture, writes the store on SIGTERM, and the captures commands read it', async () => {
    const l = listen(['--store', dir, '--verify', 'github=topsecret']);
    const first = await l.next();
    assert.equal(first.event, 'listening');
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const body = '{"action":"opened"}';
    const sig = 'sha256=' + createHmac('sha256', 'topsecret').update(body).digest('hex');
    const r1 = await request(`${first.url}/gh?delivery=1`, { method: 'POST', body, headers: { 'x-hub-signature-256': sig, 'content-type': 'application/json', 'X-Dup': ['1', '2'] } });
    assert.equal(r1.statusCode, 200); await r1.body.text();
    const c1 = await l.next();
    assert.equal(c1.event, 'capture');
    assert.equal(c1.method, 'POST');
    assert.equal(c1.path, '/gh');
    assert.equal(c1.query, 'delivery=1');
    assert.equal(c1.bodyText, body);
    assert.equal(Buffer.from(c1.bodyBase64, 'base64').toString(), body);
    assert.equal(c1.size, body.length);
    assert.deepEqual(c1.signature, { provider: 'github', valid: true });
    assert.deepEqual(c1.rawHeaders.filter((_: string, i: number, a: string[]) => i % 2 === 1 && a[i - 1].toLowerCase() === 'x-dup'), ['1', '2']);
    const bin = Buffer.from([0xff, 0, 1]);
    await (await request(`${first.url}/bin`, { method: 'PUT', body: bin })).body.text();
    const c2 = await l.next();
    assert.equal(c2.bodyText, undefined);
    assert.deepEqual(Buffer.from(c2.bodyBase64, 'base64'), bin);
    l.child.kill('SIGTERM');
    assert.equal((await l.next()).event, 'stopped');
    assert.equal(await l.exited, 0);

    const list = await runCli(['captures', 'list', '--store', dir, '--json']);
    assert.equal(list.status, 0, list.stderr);
    const rows = list.stdout.trim().split('\n').map((x) => JSON.parse(x) as Line);
    assert.deepEqual(rows.map((r) => r.id), [c1.id, c2.id]);
    assert.deepEqual(rows[0].signature, { provider: 'github', valid: true });
    assert.deepEqual(Buffer.from(rows[1].bodyBase64, 'base64'), bin);
    const plain = await runCli(['captures', 'list', '--store', dir]);
    assert.match(plain.stdout, /#1 POST \/gh\?delivery=1 200 .* github:valid/);

    const curl = await runCli(['captures', 'export', c1.id, '--store', dir, '--as', 'curl']);
    assert.equal(curl.status, 0);
    assert.match(curl.stdout, /^curl 'http:\/\/127\.0\.0\.1:\d+\/gh\?delivery=1'/);
    const http = await runCli(['captures', 'export', c1.id, '--store', dir, '--as', 'http', '--base-url', 'http://localhost:3000']);
    assert.match(http.stdout, /^POST http:\/\/localhost:3000\/gh\?delivery=1$/m);
    assert.ok(http.stdout.trimEnd().endsWith(body));
    const har = JSON.parse((await runCli(['captures', 'export', c1.id, c2.id, '--store', dir, '--as', 'har'])).stdout);
    assert.equal(har.log.entries.length, 2);

    const seen: Buffer[] = [];
    app = createServer((req, res) => { const b: Buffer[] = []; req.on('data', (c) => b.push(c)); req.on('end', () => { seen.push(Buffer.concat(b)); res.writeHead(202).end('thanks'); }); });
    await new Promise<void>((r) => app!.listen(0, '127.0.0.1', r));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const replay = await runCli(['captures', 'replay', c2.id, '--store', dir, '--to', appUrl]);
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /^202 from http:\/\/127\.0\.0\.1:\d+\/bin/);
    assert.deepEqual(seen[0], bin);
    const refused = await runCli(['captures', 'replay', c2.id, '--store', dir, '--to', 'http://127.0.0.1:9']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /connection refused/);
    const missing = await runCli(['captures', 'export', '999', '--store', dir, '--as', 'curl']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no capture '999'/);
  });

  it('without --json prints a readable line per capture; a port in use exits 1 naming a free port', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as AddressInfo).port;
    const busy = await runCli(['listen', '--port', String(port)]);
    await new Promise<void>((r) => holder.close(() => r()));
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use\\. Port \\d+ is free`));

    const child = track(spawn(process.execPath, [...cliArgs, 'listen', '--port', '0'], { cwd: repoRoot }));
    const out: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    const urlLine = await new Promise<string>((resolve) => rl.on('line', (line) => { out.push(line); if (out.length === 1) resolve(line); }));
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(urlLine)![0];
    const gotLine = new Promise<string>((resolve) => rl.on('line', (line) => resolve(line)));
    await (await request(`${url}/plain?x=1`, { method: 'DELETE' })).body.text();
    assert.match(await gotLine, /#1 DELETE \/plain\?x=1 200 0 B/);
    child.kill('SIGINT');
    assert.equal(await new Promise((r) => child.on('exit', r)), 0);
  });

  it('rejects a bad --verify with a usage error', async () => {
    const r = await runCli(['listen', '--verify', 'gitlab=x']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--verify expects PROVIDER=SECRET/);
  });

  it('plays Discord on /api/webhooks/…: `apihook discord send --listener` gets a message back, the rate limit and known ids apply', async () => {
    const l = listen(['--discord-rate', '2/60s', '--discord-known-ids', '0,42']);
    const first = await l.next();
    const port = new URL(first.url).port;
    const sent = await runCli(['discord', 'send', '--sample', 'plain-text', '--listener', port, '--wait', '--json']);
    assert.equal(sent.status, 0, sent.stderr);
    assert.match(sent.stdout, /"id":\s*"\d+"/);
    const cap = await l.next();
    assert.equal(cap.event, 'capture');
    assert.match(cap.path, /^\/api\/v10\/webhooks\/0\//);
    const unknown = await request(`${first.url}/api/webhooks/7/tok`, { method: 'POST', body: '{"content":"hi"}', headers: { 'content-type': 'application/json' } });
    assert.equal(unknown.statusCode, 404);
    assert.equal((await unknown.body.json() as { code: number }).code, 10015);
    const post = () => request(`${first.url}/api/webhooks/42/tok`, { method: 'POST', body: '{"content":"hi"}', headers: { 'content-type': 'application/json' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) { const r = await post(); statuses.push(r.statusCode); await r.body.text(); }
    assert.deepEqual(statuses, [204, 204, 429]);
    const plain = await request(`${first.url}/anything`, { method: 'POST', body: 'x' });
    assert.equal(plain.statusCode, 200); await plain.body.text();
  });

  it('rejects a malformed --discord-rate with a usage error', async () => {
    const r = await runCli(['listen', '--discord-rate', 'fast']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--discord-rate expects/);
  });
});
