import { basename } from 'node:path';
import { describeError } from '../core/common/errors';
import { DiscordValidationError } from '../core/discord/errors';
import { defaultSampleContext, findSample, samples } from '../core/discord/samples';
import { DiscordWebhookClient, type SendEvent } from '../core/discord/send';
import { listenerTarget, maskTarget, parseWebhookUrl, type WebhookTarget } from '../core/discord/url';
import { lastValue, parseFlags } from './flags';
import { UsageError, type CliCommand, type CliIo } from './io';

/** Port of the local listener when `--listener` is given without one. */
export const DEFAULT_LISTENER_PORT = 8787;

const usage = `Usage:
  apihook discord samples [--json]
  apihook discord send --sample NAME (--to URL | --to-env VAR | --listener [PORT]) [--wait] [--thread ID] [--json]

Lists ApiHook's Discord sample messages, or sends one to a webhook after checking it against
Discord's documented rules (nothing is sent if it would be refused).

Options for send:
  --sample NAME      a sample id from 'apihook discord samples'
  --to URL           a Discord webhook URL (https://discord.com/api/webhooks/{id}/{token}); it is a
                     secret, so it is only ever printed masked
  --to-env VAR       read that URL from environment variable VAR (keeps it out of shell history)
  --listener [PORT]  the Discord emulator of a running 'apihook listen' on 127.0.0.1:PORT
                     (default ${DEFAULT_LISTENER_PORT}); the sample goes to its default webhook
                     http://127.0.0.1:PORT/api/v10/webhooks/0/emulated-token
  --wait             ask for the created message (?wait=true) and print its id, channel and time
  --thread ID        post into this thread (thread_id)
  --json             print the result as one JSON line

Rate limits are honoured: a wait Discord asks for is printed to stderr, then the send is retried.
Exit codes: 0 sent, 1 refused (invalid, rejected or unreachable), 2 usage error.
`;

interface SendArgs { sample: string; target: WebhookTarget; wait: boolean; threadId?: string; json: boolean }

function parseSendArgs(args: string[]): SendArgs {
  const parsed = parseFlags(args, ['sample', 'to', 'to-env', 'thread'], ['listener', 'wait', 'json']);
  const sample = lastValue(parsed, 'sample');
  let to = lastValue(parsed, 'to');
  const toEnv = lastValue(parsed, 'to-env');
  if (toEnv !== undefined) {
    if (to !== undefined) throw new UsageError('give exactly one of --to URL, --to-env VAR or --listener [PORT]');
    to = process.env[toEnv];
    if (!to) throw new UsageError(`environment variable ${toEnv} is not set`);
  }
  const listener = parsed.flags.has('listener');
  const wait = parsed.flags.has('wait');
  const json = parsed.flags.has('json');
  const threadId = lastValue(parsed, 'thread');
  // `--listener [PORT]`: a number right after --listener is its port; any other positional is a mistake
  let port: number | undefined;
  parsed.positional.forEach((p, i) => {
    if (parsed.after[i] === 'listener' && /^\d+$/.test(p)) port = Number(p);
    else throw new UsageError(`unexpected argument '${p}'`);
  });
  if (!sample) throw new UsageError('--sample NAME is required');
  if (!findSample(sample)) throw new UsageError(`no sample '${sample}'; the samples are: ${samples.map((s) => s.id).join(', ')}`);
  if ((to === undefined) === !listener) throw new UsageError('give exactly one of --to URL, --to-env VAR or --listener [PORT]');
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`port ${port} is out of range`);
  if (threadId !== undefined && !/^\d{1,20}$/.test(threadId)) throw new UsageError(`--thread takes a Discord id (digits), not '${threadId}'`);
  let target: WebhookTarget;
  try {
    target = to !== undefined ? parseWebhookUrl(to) : listenerTarget(port ?? DEFAULT_LISTENER_PORT);
  } catch (err) {
    throw new UsageError(describeError(err).message);
  }
  return { sample, target, wait, json, ...(threadId ? { threadId } : {}) };
}

function describeEvent(e: SendEvent): string | undefined {
  if (e.type !== 'rate-limited') return undefined;
  const why = e.reason === '429' ? `Discord answered 429 (${e.global ? 'global limit' : `bucket ${e.bucket ?? '?'}${e.scope ? `, scope ${e.scope}` : ''}`})`
    : e.global ? 'the global rate limit is in force' : `bucket ${e.bucket ?? '?'} has no requests left`;
  return `Rate limited: ${why}; waiting ${(e.waitMs / 1000).toFixed(2)} s, then ${e.reason === '429' ? 'retrying' : 'sending'}.\n`;
}

async function send(args: string[], io: CliIo): Promise<number> {
  const opts = parseSendArgs(args);
  const sample = findSample(opts.sample)!;
  const message = sample.build(defaultSampleContext({ workspace: basename(process.cwd()), ...(opts.threadId ? { threadId: opts.threadId } : {}) }));
  const client = new DiscordWebhookClient({ onEvent: (e) => { const line = describeEvent(e); if (line) io.stderr.write(line); } });
  const where = maskTarget(opts.target);
  try {
    const r = await client.execute(opts.target, message, { wait: opts.wait, threadId: opts.threadId });
    const m = r.message;
    if (opts.json) {
      io.stdout.write(`${JSON.stringify({ ok: true, sample: sample.id, to: where, status: r.status, attempts: r.attempts, waitedMs: r.waitedMs, ...(m ? { message: { id: m.id, channel_id: m.channel_id, timestamp: m.timestamp } } : {}) })}\n`);
    } else {
      io.stdout.write(`Sent '${sample.id}' to ${where}: ${r.status}${m ? `, message ${m.id} in channel ${m.channel_id} at ${m.timestamp}` : ''}\n`);
    }
    return 0;
  } catch (err) {
    const d = describeError(err);
    const issues = err instanceof DiscordValidationError || (err as { issues?: unknown }).issues ? (err as { issues: Array<{ path: string; code: string; message: string }> }).issues : [];
    if (opts.json) io.stdout.write(`${JSON.stringify({ ok: false, sample: sample.id, to: where, error: d.message, code: d.code, issues })}\n`);
    io.stderr.write(`apihook discord: ${d.message}\n${d.hint ? `${d.hint}\n` : ''}`);
    return 1;
  }
}

export const discordCommand: CliCommand = {
  name: 'discord',
  summary: 'list Discord sample messages or send one to a webhook or the local emulator',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === 'samples') {
      const parsed = parseFlags(rest, [], ['json']);
      if (parsed.positional.length) throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
      const json = parsed.flags.has('json');
      const width = Math.max(...samples.map((s) => s.id.length));
      for (const s of samples) {
        io.stdout.write(json ? `${JSON.stringify({ id: s.id, title: s.title, description: s.description })}\n` : `${s.id.padEnd(width)}  ${s.title}: ${s.description}\n`);
      }
      return 0;
    }
    if (sub === 'send') return send(rest, io);
    throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'say samples or send');
  },
};
