import * as fs from 'node:fs';
import { UserFacingError } from '../core/common/errors';
import { DiscordEmulator, parseEmulatorRate } from '../core/discord/emulator';
import { captureJsonLine, captureLine } from '../core/webhook/captureJson';
import { WebhookListener } from '../core/webhook/listener';
import { isProviderId, type ProviderId, type SecretSource } from '../core/webhook/signatures/types';
import { CaptureStore } from '../core/webhook/store/captureStore';
import { numberFlag, parseFlags } from './flags';
import { stderrLogger, UsageError, type CliCommand, type CliIo } from './io';

const usage = `Usage: apihook listen [--port N] [--host 127.0.0.1] [--store DIR] [--forward-to URL]
                      [--verify PROVIDER=SECRET]… [--json]

Captures every request sent to a local listener and answers 200 {"ok":true,"id":…}.
  --port N             port (default 8787; 0 takes a free port)
  --host ADDR          address to bind (default 127.0.0.1; anything else is reachable from other machines)
  --store DIR          keep captures in DIR (exact bodies), for 'apihook captures'
  --max-captures N     most captures the store keeps, oldest dropped first (default 10000)
  --max-store-mb N     most body megabytes the store keeps (default 512)
  --max-body-mb N      larger bodies are answered 413 and recorded as rejected (default 10)
  --forward-to URL     resend every capture to URL (no path: the capture's path is kept)
  --verify P=SECRET    check signatures for provider P: github, stripe, slack, standard, shopify,
                       twilio, discord (=PUBLIC_KEY_HEX); repeatable
  --public-url URL     the public URL a tunnel gives (Twilio signs it)
  --discord-rate SPEC  the Discord emulator's rate limit per webhook on /api/webhooks/{id}/{token}
                       (default 5/2s; e.g. 10/1s, 30/1m, or off)
  --discord-known-ids IDS  comma-separated webhook ids the emulator knows; others get 404 10015
  --no-discord         answer /api/webhooks/… like any other path instead of playing Discord
  --json               print {"event":"listening","url":…} then one JSON line per capture
Stops on SIGTERM or Ctrl+C after writing the store.
`;

/**
 * Buffers output lines and writes them in batches, so a flood of captures costs few writes. When stdout
 * is this process's pipe or file, batches go out with asynchronous fd writes, in order, one at a time:
 * node writes pipes synchronously, which would stall the listener whenever the reader lags.
 */
function batchedWriter(io: CliIo): { line(s: string): void; flush(): void; drain(): Promise<void> } {
  const asyncFd = io.stdout === process.stdout && !process.stdout.isTTY;
  let buf: string[] = [];
  let scheduled = false;
  let writing = false;
  let waiting: string[] = [];
  let warned = false;
  let waitingBytes = 0;
  const idle: Array<() => void> = [];
  const pump = (): void => {
    if (writing) return;
    if (waiting.length === 0) { for (const r of idle.splice(0)) r(); return; }
    const data = Buffer.from(waiting.join(''));
    waiting = []; waitingBytes = 0; writing = true;
    const writeFrom = (off: number): void => {
      fs.write(1, data, off, data.length - off, null, (err, n) => {
        if (err && err.code === 'EAGAIN') { setTimeout(() => writeFrom(off), 1); return; }
        if (err) { writing = false; waiting = []; for (const r of idle.splice(0)) r(); return; }
        if (off + n < data.length) { writeFrom(off + n); return; }
        writing = false;
        pump();
      });
    };
    writeFrom(0);
  };
  const flush = (): void => {
    scheduled = false;
    if (!buf.length) return;
    const s = buf.join('');
    buf = [];
    if (!asyncFd) { io.stdout.write(s); return; }
    waiting.push(s); waitingBytes += s.length;
    if (waitingBytes > 64 << 20 && !warned) { warned = true; io.stderr.write('apihook listen: the reader of stdout is falling behind; output is queued in memory\n'); }
    pump();
  };
  return {
    line(s) { buf.push(s + '\n'); if (!scheduled) { scheduled = true; setImmediate(flush); } },
    flush,
    drain() { flush(); return writing || waiting.length ? new Promise((r) => { idle.push(r); pump(); }) : Promise.resolve(); },
  };
}

export const listenCommand: CliCommand = {
  name: 'listen',
  summary: 'capture webhooks on a local port (127.0.0.1), verify signatures, store and forward them',
  usage,
  async run(args, io) {
    const { values, flags, positional } = parseFlags(args, ['port', 'host', 'store', 'forward-to', 'verify', 'max-captures', 'max-store-mb', 'max-body-mb', 'public-url', 'discord-rate', 'discord-known-ids'], ['json', 'no-discord']);
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
    const json = flags.has('json');
    const secrets = new Map<string, string>();
    for (const v of values.get('verify') ?? []) {
      const eq = v.indexOf('=');
      const provider = eq > 0 ? v.slice(0, eq).toLowerCase() : '';
      if (!isProviderId(provider)) throw new UsageError(`--verify expects PROVIDER=SECRET with PROVIDER one of github, stripe, slack, standard, shopify, twilio, discord; got '${v.slice(0, Math.max(eq, 0)) || v}'`);
      secrets.set(provider, v.slice(eq + 1));
    }
    const secretSource: SecretSource = { getSecret: async (key) => secrets.get(key as ProviderId) };
    const logger = stderrLogger(io);
    const dir = values.get('store')?.at(-1);
    const store = dir
      ? await CaptureStore.open({ dir, maxCount: numberFlag(values, 'max-captures', 10_000), maxBytes: numberFlag(values, 'max-store-mb', 512) * 1024 * 1024, logger })
      : undefined;
    if (store && (store.loadReport.skipped || store.loadReport.tornTail)) {
      io.stderr.write(`apihook listen: the store had ${store.loadReport.skipped} unreadable record(s)${store.loadReport.tornTail ? ' and a torn last record' : ''}; skipped\n`);
    }
    const host = values.get('host')?.at(-1) ?? '127.0.0.1';
    const rateSpec = values.get('discord-rate')?.at(-1);
    const rateLimit = rateSpec === undefined ? undefined : parseEmulatorRate(rateSpec);
    if (rateSpec !== undefined && rateLimit === undefined) throw new UsageError(`--discord-rate expects N/TIME such as 5/2s, 10/1500ms or off; got '${rateSpec}'`);
    const knownIds = values.get('discord-known-ids')?.at(-1)?.split(',').map((x) => x.trim()).filter(Boolean);
    const discord = flags.has('no-discord') ? undefined : new DiscordEmulator({ rateLimit, knownWebhookIds: knownIds });
    const listener = new WebhookListener({
      host,
      responders: discord ? [discord.responder] : [],
      port: numberFlag(values, 'port', 8787),
      maxBodyBytes: Math.round(numberFlag(values, 'max-body-mb', 10) * 1024 * 1024),
      sink: store,
      secrets: secretSource,
      forwardTo: values.get('forward-to')?.at(-1),
      verify: { publicBaseUrl: values.get('public-url')?.at(-1) },
      logger,
    });
    const out = batchedWriter(io);
    listener.onDidCapture((e) => out.line(json ? captureJsonLine(e.meta, e.body) : captureLine(e.meta)));
    listener.onDidForward((e) => {
      if (json) out.line(JSON.stringify({ event: 'forward', id: e.id, ...e.result }));
      else out.line(`         #${e.id} forwarded to ${e.result.url}: ${e.result.ok ? `${e.result.status} in ${e.result.timeMs} ms` : `FAILED: ${e.result.error}`}`);
    });
    let url: string;
    try {
      url = await listener.start();
    } catch (e) {
      await store?.close();
      if (e instanceof UserFacingError) {
        io.stderr.write(`apihook listen: ${e.message}${e.hint ? ` ${e.hint}` : ''}\n`);
        return 1;
      }
      throw e;
    }
    if (json) out.line(JSON.stringify({ event: 'listening', url, pid: process.pid, ...(dir ? { store: dir } : {}) }));
    else out.line(`Listening on ${url}${dir ? `, storing in ${dir}` : ''}. Ctrl+C stops.`);
    if (listener.exposedBeyondLoopback) io.stderr.write(`apihook listen: warning: bound to ${host}, so other machines may send requests here\n`);
    await out.drain();
    await new Promise<void>((resolve) => {
      const stop = (): void => { process.off('SIGTERM', stop); process.off('SIGINT', stop); resolve(); };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    await listener.stop();
    await store?.close();
    await out.drain();
    if (json) io.stdout.write(JSON.stringify({ event: 'stopped', captures: store?.size }) + '\n');
    listener.dispose();
    return 0;
  },
};
