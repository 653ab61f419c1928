import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../package.json';
import { toCurl } from '../core/http/curlExport';
import { captureJsonLine, captureLine } from '../core/webhook/captureJson';
import { captureToOutgoing } from '../core/webhook/export/outgoing';
import { toHar } from '../core/webhook/export/toHar';
import { toHttpText } from '../core/webhook/export/toHttp';
import { sendCapture } from '../core/webhook/replay';
import { CaptureStore } from '../core/webhook/store/captureStore';
import { UsageError, type CliCommand, type CliIo } from './io';
import { numberFlag, parseFlags } from './flags';

const usage = `Usage: apihook captures list --store DIR [--json]
       apihook captures export ID… --store DIR --as http|curl|har [--base-url URL]
       apihook captures replay ID --store DIR --to URL [--timeout-ms N]

list    one line per capture, oldest first (--json: one JSON object per line, body as base64 and text)
export  a capture as a .http request (a body that .http cannot carry is written beside, as capture-ID.body),
        as a curl command, or one or more captures as a HAR 1.2 log
replay  resend a capture's exact method, headers and body to URL and print the app's answer;
        exit 1 when it cannot be sent or the app answers 4xx/5xx
`;

async function openStore(values: Map<string, string[]>): Promise<CaptureStore> {
  const dir = values.get('store')?.at(-1);
  if (!dir) throw new UsageError('--store DIR is required');
  return CaptureStore.open({ dir, readOnly: true });
}

async function list(store: CaptureStore, json: boolean, io: CliIo): Promise<number> {
  let buf = '';
  const emit = (s: string): void => { buf += s + '\n'; if (buf.length > 1 << 20) { io.stdout.write(buf); buf = ''; } };
  if (json) {
    for await (const c of store.withBodies()) emit(captureJsonLine(c.meta, c.body));
  } else {
    for (const m of await store.list()) emit(captureLine(m));
    if (store.size === 0) emit('(no captures)');
  }
  io.stdout.write(buf);
  return 0;
}

async function exportCaptures(store: CaptureStore, ids: string[], as: string, baseUrl: string | undefined, io: CliIo): Promise<number> {
  if (ids.length === 0) throw new UsageError('export needs a capture ID');
  for (const id of ids) if (!store.has(id)) { io.stderr.write(`apihook captures: no capture '${id}' in ${store.dir}\n`); return 1; }
  if (as === 'har') {
    const items = [];
    for await (const c of store.withBodies(ids)) items.push(c);
    io.stdout.write(JSON.stringify(toHar(items, { name: 'ApiHook', version }), null, 2) + '\n');
    return 0;
  }
  if (as !== 'http' && as !== 'curl') throw new UsageError(`--as must be http, curl or har, not '${as}'`);
  for (const id of ids) {
    const meta = (await store.get(id))!;
    const body = (await store.getBody(id))!;
    if (as === 'curl') {
      io.stdout.write(toCurl(captureToOutgoing(meta, body, baseUrl)) + '\n');
    } else {
      const x = toHttpText(meta, body, { baseUrl });
      if (x.bodyFile) {
        writeFileSync(join(process.cwd(), x.bodyFile.name), x.bodyFile.data);
        io.stderr.write(`apihook captures: wrote the body to ./${x.bodyFile.name} (the .http text refers to it)\n`);
      }
      io.stdout.write(x.text);
    }
  }
  return 0;
}

async function replay(store: CaptureStore, ids: string[], to: string | undefined, timeoutMs: number, io: CliIo): Promise<number> {
  if (ids.length !== 1) throw new UsageError('replay needs exactly one capture ID');
  if (!to) throw new UsageError('--to URL is required');
  const meta = await store.get(ids[0]);
  const body = await store.getBody(ids[0]);
  if (!meta || !body) { io.stderr.write(`apihook captures: no capture '${ids[0]}' in ${store.dir}\n`); return 1; }
  const r = await sendCapture(meta, body, to, { timeoutMs });
  if (!r.ok) { io.stderr.write(`apihook captures replay: ${r.error}\n`); return 1; }
  io.stdout.write(`${r.status} from ${r.url} in ${r.timeMs} ms\n`);
  for (const [k, v] of r.headers ?? []) io.stdout.write(`${k}: ${v}\n`);
  io.stdout.write(`\n${r.bodyEncoding === 'base64' ? `(${r.bodySize} bytes of binary data)` : r.body ?? ''}\n`);
  return (r.status ?? 0) >= 400 ? 1 : 0;
}

export const capturesCommand: CliCommand = {
  name: 'captures',
  summary: 'list, export (.http, curl, HAR) or replay the captures in a listener store',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || !['list', 'export', 'replay'].includes(sub)) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'which subcommand: list, export or replay?');
    const { values, flags, positional } = parseFlags(rest, ['store', 'as', 'to', 'base-url', 'timeout-ms'], ['json']);
    const store = await openStore(values);
    try {
      if (sub === 'list') {
        if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
        return await list(store, flags.has('json'), io);
      }
      if (sub === 'export') {
        const as = values.get('as')?.at(-1);
        if (!as) throw new UsageError('--as http|curl|har is required');
        return await exportCaptures(store, positional, as, values.get('base-url')?.at(-1), io);
      }
      return await replay(store, positional, values.get('to')?.at(-1), numberFlag(values, 'timeout-ms', 30_000), io);
    } finally {
      await store.close();
    }
  },
};
