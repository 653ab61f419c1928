/**
 * System variables of both families: REST Client/httpYac `{{$guid}}`, `{{$randomInt 1 10}}`,
 * `{{$timestamp -1 d}}`, `{{$datetime iso8601}}`, `{{$processEnv %NAME}}`, `{{$dotenv NAME}}`, … and
 * JetBrains `{{$uuid}}`, `{{$timestamp}}`, `{{$isoTimestamp}}`, `{{$random.integer(1, 10)}}`, `{{$random.email}}`, ….
 */
import { addOffset, formatDate, formatIso8601, formatRfc1123 } from './datetime';
import type { VariableHost } from './host';

export interface SystemContext {
  host: VariableHost;
  /** the `.env` values */
  dotenv: Record<string, string>;
  /** looks up an environment/file variable, for `{{$processEnv %name}}` and `{{$dotenv %name}}` */
  lookup(name: string): Promise<string | undefined>;
}

export type SystemResult = { ok: true; value: string } | { ok: false; message: string };

/** Words of an expression: quoted strings ("…" or '…') stay whole. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function randomInt(host: VariableHost, min: number, max: number): number {
  return Math.floor(host.random() * (max - min)) + min;
}

function randomChars(host: VariableHost, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(host.random() * alphabet.length)];
  return s;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALPHA = LOWER + LOWER.toUpperCase();
const ALNUM = ALPHA + '0123456789';

function withOffset(host: VariableHost, args: string[], at: number): Date | string {
  const now = host.now();
  if (args.length <= at) return now;
  const amount = Number(args[at]);
  const unit = args[at + 1];
  if (!Number.isFinite(amount) || !unit) return `expected an offset like '-1 d' after the format, got '${args.slice(at).join(' ')}'`;
  return addOffset(now, amount, unit) ?? `unknown time unit '${unit}' (use y, M, w, d, h, m, s or ms)`;
}

function numArgs(inside: string): number[] {
  return inside.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
}

/** JetBrains `$random.*` dynamic variables. */
function jetbrainsRandom(name: string, host: VariableHost): SystemResult {
  const m = /^\$random\.(\w+)(?:\(([^)]*)\))?$/.exec(name);
  if (!m) return { ok: false, message: `unknown system variable '${name}'` };
  const [, fn, inside = ''] = m;
  const a = numArgs(inside);
  switch (fn) {
    case 'uuid': return { ok: true, value: host.uuid() };
    case 'integer': {
      const [lo, hi] = a.length >= 2 ? [a[0], a[1]] : a.length === 1 ? [0, a[0]] : [0, 1000];
      return { ok: true, value: String(randomInt(host, lo, hi)) };
    }
    case 'float': {
      const [lo, hi] = a.length >= 2 ? [a[0], a[1]] : a.length === 1 ? [0, a[0]] : [0, 1000];
      return { ok: true, value: String(host.random() * (hi - lo) + lo) };
    }
    case 'alphabetic': return { ok: true, value: randomChars(host, a[0] ?? 10, ALPHA) };
    case 'alphanumeric': return { ok: true, value: randomChars(host, a[0] ?? 10, ALNUM + '_') };
    case 'hexadecimal': return { ok: true, value: randomChars(host, a[0] ?? 10, '0123456789abcdef') };
    case 'email': return { ok: true, value: `${randomChars(host, 8, LOWER)}@${randomChars(host, 6, LOWER)}.com` };
    case 'bool':
    case 'boolean': return { ok: true, value: String(host.random() < 0.5) };
    default: return { ok: false, message: `unknown random variable '$random.${fn}'` };
  }
}

/** Resolves `expr` (starting with `$`). */
export async function resolveSystemVariable(expr: string, ctx: SystemContext): Promise<SystemResult> {
  const host = ctx.host;
  if (expr.startsWith('$random.')) return jetbrainsRandom(expr, host);
  const args = splitArgs(expr);
  const name = args[0];
  switch (name) {
    case '$guid':
    case '$uuid':
    case '$randomUUID': return { ok: true, value: host.uuid() };
    case '$randomInt': {
      const lo = Number(args[1] ?? 0);
      const hi = Number(args[2] ?? 1000);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ok: false, message: 'write {{$randomInt min max}} with two numbers' };
      return { ok: true, value: String(randomInt(host, Math.min(lo, hi), Math.max(lo, hi))) };
    }
    case '$timestamp': {
      const d = withOffset(host, args, 1);
      return typeof d === 'string' ? { ok: false, message: d } : { ok: true, value: String(Math.floor(d.getTime() / 1000)) };
    }
    case '$isoTimestamp': return { ok: true, value: host.now().toISOString() };
    case '$datetime':
    case '$localDatetime': {
      const local = name === '$localDatetime';
      const fmt = args[1];
      if (!fmt) return { ok: false, message: `write {{${name} rfc1123}}, {{${name} iso8601}} or {{${name} "YYYY-MM-DD"}}` };
      const d = withOffset(host, args, 2);
      if (typeof d === 'string') return { ok: false, message: d };
      if (fmt === 'rfc1123') return { ok: true, value: formatRfc1123(d, local) };
      if (fmt === 'iso8601') return { ok: true, value: formatIso8601(d, local) };
      return { ok: true, value: formatDate(d, fmt, local) };
    }
    case '$processEnv':
    case '$dotenv': {
      let key = args[1];
      if (!key) return { ok: false, message: `write {{${name} NAME}}` };
      if (key.startsWith('%')) {
        const indirect = await ctx.lookup(key.slice(1));
        if (indirect === undefined) return { ok: false, message: `'${key.slice(1)}' (named by ${key}) is not defined in the environment` };
        key = indirect;
      }
      const v = name === '$processEnv' ? host.processEnv(key) : ctx.dotenv[key];
      return v === undefined ? { ok: false, message: name === '$processEnv' ? `process environment variable '${key}' is not set` : `'${key}' is not in the .env file` } : { ok: true, value: v };
    }
    case '$aadToken':
    case '$aadV2Token': return { ok: false, message: `${name} (Azure AD sign-in) is not supported` };
    default: return { ok: false, message: `unknown system variable '${name}'` };
  }
}
