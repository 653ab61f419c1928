import { BUILTIN_CONTENT_TYPE, builtinReplyBody } from './builtinReply';
import type { IncomingRequestView, Reply } from './responder';
import { isProviderId, type ProviderId } from './signatures/types';

/** How to answer: every field optional; the default is 200 with a small JSON body. */
export interface ReplySpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

/** A named path (e.g. `/github`) with the provider whose signature it expects; the secret comes from a SecretSource under `name`. */
export interface EndpointConfig extends ReplySpec {
  name: string;
  /** matches this path and anything below it (`/github`, `/github/x`); `*` matches one segment, `**` any */
  path: string;
  provider?: ProviderId;
}

/** Answers requests whose method (any when absent) and path match. */
export interface RuleConfig extends ReplySpec {
  method?: string;
  path: string;
}

/**
 * The listener's answers, as plain JSON (settings or `.apihook/webhooks.json`, which holds no secrets).
 * Rules are tried in order before endpoints' own replies.
 */
export interface WebhookRulesConfig {
  endpoints?: EndpointConfig[];
  rules?: RuleConfig[];
  defaultReply?: ReplySpec;
}

function globToRegExp(pattern: string, prefix: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') { re += '.*'; i++; }
    else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  const base = re.replace(/\/$/, '');
  return new RegExp(prefix ? `^${base}(?:/.*)?$` : `^${base || '/'}/?$`);
}

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Rules compiled once; `match` is called per request. */
export class CompiledRules {
  private readonly endpoints: Array<{ cfg: EndpointConfig; re: RegExp }>;
  private readonly rules: Array<{ cfg: RuleConfig; re: RegExp }>;

  constructor(readonly config: WebhookRulesConfig = {}) {
    this.endpoints = (config.endpoints ?? []).map((cfg) => ({ cfg, re: globToRegExp(cfg.path, true) }));
    this.rules = (config.rules ?? []).map((cfg) => ({ cfg, re: globToRegExp(cfg.path, false) }));
  }

  endpointFor(path: string): EndpointConfig | undefined {
    for (const e of this.endpoints) if (e.re.test(path)) return e.cfg;
    return undefined;
  }

  /** The configured reply for a request, or the default one. */
  replyFor(req: IncomingRequestView, id: string, endpoint: EndpointConfig | undefined): Reply {
    const path = pathOf(req.url);
    for (const r of this.rules) {
      if (r.cfg.method && r.cfg.method.toUpperCase() !== req.method) continue;
      if (r.re.test(path)) return toReply(r.cfg, id, `rule:${r.cfg.method ? r.cfg.method.toUpperCase() + ' ' : ''}${r.cfg.path}`);
    }
    if (endpoint && (endpoint.status !== undefined || endpoint.body !== undefined || endpoint.headers || endpoint.delayMs)) {
      return toReply(endpoint, id, `endpoint:${endpoint.name}`);
    }
    return toReply(this.config.defaultReply ?? {}, id, 'default');
  }
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': BUILTIN_CONTENT_TYPE });

function toReply(spec: ReplySpec, id: string, source: string): Reply {
  if (spec.body === undefined && spec.headers === undefined) {
    // the common case, kept cheap: the built-in body with shared headers
    return { status: spec.status ?? 200, headers: DEFAULT_HEADERS, body: builtinReplyBody(id), delayMs: spec.delayMs, source, builtin: true };
  }
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  let body = spec.body;
  if (body === undefined) {
    body = builtinReplyBody(id);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = BUILTIN_CONTENT_TYPE;
  }
  return { status: spec.status ?? 200, headers, body, delayMs: spec.delayMs, source };
}

/** Checks a rules object read from JSON; returns the usable config and a message per problem found. */
export function validateRulesConfig(value: unknown): { config: WebhookRulesConfig; problems: string[] } {
  const problems: string[] = [];
  const config: WebhookRulesConfig = {};
  if (value === undefined || value === null) return { config, problems };
  if (typeof value !== 'object' || Array.isArray(value)) return { config, problems: ['the webhook rules must be a JSON object'] };
  const v = value as Record<string, unknown>;
  const spec = (o: Record<string, unknown>, where: string): ReplySpec | undefined => {
    if (o.status !== undefined && (typeof o.status !== 'number' || o.status < 100 || o.status > 599)) { problems.push(`${where}: status must be a number from 100 to 599`); return undefined; }
    if (o.body !== undefined && typeof o.body !== 'string') { problems.push(`${where}: body must be a string`); return undefined; }
    if (o.delayMs !== undefined && (typeof o.delayMs !== 'number' || o.delayMs < 0)) { problems.push(`${where}: delayMs must be a non-negative number`); return undefined; }
    if (o.headers !== undefined && (typeof o.headers !== 'object' || o.headers === null || Object.values(o.headers).some((h) => typeof h !== 'string'))) { problems.push(`${where}: headers must map names to strings`); return undefined; }
    return { status: o.status as number | undefined, body: o.body as string | undefined, delayMs: o.delayMs as number | undefined, headers: o.headers as Record<string, string> | undefined };
  };
  const list = (key: 'endpoints' | 'rules'): Array<Record<string, unknown>> => {
    const a = v[key];
    if (a === undefined) return [];
    if (!Array.isArray(a)) { problems.push(`${key} must be an array`); return []; }
    return a.filter((x, i) => (x && typeof x === 'object' && typeof (x as { path?: unknown }).path === 'string' && String((x as { path: string }).path).startsWith('/')) || (problems.push(`${key}[${i}]: needs a path starting with /`), false));
  };
  config.endpoints = [];
  for (const [i, e] of list('endpoints').entries()) {
    const s = spec(e, `endpoints[${i}]`);
    if (!s) continue;
    if (typeof e.name !== 'string' || !e.name) { problems.push(`endpoints[${i}]: needs a name`); continue; }
    if (e.provider !== undefined && (typeof e.provider !== 'string' || !isProviderId(e.provider))) { problems.push(`endpoints[${i}]: unknown provider '${String(e.provider)}'`); continue; }
    if ('secret' in e) problems.push(`endpoints[${i}]: 'secret' is ignored here; store secrets with the "Set Webhook Secret" command`);
    config.endpoints.push({ ...s, name: e.name, path: e.path as string, provider: e.provider as ProviderId | undefined });
  }
  config.rules = [];
  for (const [i, r] of list('rules').entries()) {
    const s = spec(r, `rules[${i}]`);
    if (s) config.rules.push({ ...s, path: r.path as string, method: typeof r.method === 'string' ? r.method : undefined });
  }
  if (v.defaultReply !== undefined && typeof v.defaultReply === 'object' && v.defaultReply !== null) {
    config.defaultReply = spec(v.defaultReply as Record<string, unknown>, 'defaultReply');
  }
  return { config, problems };
}
