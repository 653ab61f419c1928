/** `apihook parse <file> [--json] [--env NAME]`: shows exactly how ApiHook reads a .http file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic, HttpDocument, RequestBlock } from '../core/http/model';
import { parseHttp } from '../core/http/parse';
import {
  createNodeVariableHost, isSecretName, maskValue, resolveEnvironment, resolveRequest, type EnvironmentSources, type ResolvedEnvironment,
} from '../core/http/variables';
import { lastValue, parseFlags } from './flags';
import { UsageError, type CliCommand } from './io';

const usage = `Usage: apihook parse <file> [--json] [--env NAME]

Prints the requests ApiHook finds in a .http/.rest file (name, method, URL as written and, with --env,
as resolved; headers; body kind; line range) and the diagnostics. Environments are read from
http-client.env.json / http-client.private.env.json, .vscode/settings.json (rest-client.environmentVariables)
and .env, looked up from the file's folder upwards.
Exit codes: 0 no errors, 2 error diagnostics or a usage error.
`;

function findUp(start: string, name: string): string | undefined {
  let dir = start;
  for (;;) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readJsonc(path: string): Record<string, unknown> | undefined {
  const text = readFileSync(path, 'utf8');
  try { return JSON.parse(text) as Record<string, unknown>; } catch { /* settings.json may have comments */ }
  try {
    return JSON.parse(text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, s: string | undefined) => s ?? '').replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
  } catch { return undefined; }
}

export function environmentSourcesFor(file: string): EnvironmentSources {
  const dir = dirname(resolve(file));
  const pub = findUp(dir, 'http-client.env.json');
  const priv = findUp(dir, 'http-client.private.env.json');
  const dotenv = findUp(dir, '.env');
  const settings = findUp(dir, join('.vscode', 'settings.json'));
  const rc = settings ? readJsonc(settings)?.['rest-client.environmentVariables'] : undefined;
  return {
    jetbrainsPublic: pub ? readFileSync(pub, 'utf8') : undefined,
    jetbrainsPrivate: priv ? readFileSync(priv, 'utf8') : undefined,
    dotenv: dotenv ? readFileSync(dotenv, 'utf8') : undefined,
    restClient: rc && typeof rc === 'object' ? (rc as Record<string, unknown>) : undefined,
  };
}

interface Shown {
  name?: string;
  title?: string;
  method: string;
  url: string;
  resolvedUrl?: string;
  headers: Array<{ name: string; value: string; resolved?: string }>;
  bodyKind: string;
  lines: { start: number; end: number; requestLine: number };
  diagnostics?: Diagnostic[];
}

async function show(doc: HttpDocument, r: RequestBlock, file: string, env: ResolvedEnvironment | undefined, lines: string[]): Promise<Shown> {
  const s: Shown = {
    name: r.name, title: r.title, method: r.method, url: r.url,
    headers: r.headers.map((h) => ({ name: h.name, value: h.value })),
    bodyKind: r.bodyKind,
    lines: { start: r.range.startLine + 1, end: r.range.endLine + 1, requestLine: r.requestLine + 1 },
  };
  if (env) {
    const host = createNodeVariableHost({ baseDir: dirname(resolve(file)) });
    const res = await resolveRequest(doc, r, { environment: env, lines, host: { ...host, runDependency: undefined, prompt: undefined } });
    s.resolvedUrl = res.request.url;
    s.headers.forEach((h, i) => {
      const v = res.request.headers[i]?.[1];
      if (v !== undefined) h.resolved = v !== h.value && (isSecretName(h.name) || /^authorization$/i.test(h.name)) ? maskValue(v) : v;
    });
    s.diagnostics = res.diagnostics;
  }
  return s;
}

function diagLine(d: Diagnostic): string {
  return `line ${d.line + 1}:${d.startColumn + 1} ${d.severity} ${d.code}: ${d.message}`;
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'show the requests and diagnostics ApiHook reads from a .http file',
  usage,
  async run(args, io) {
    const parsed = parseFlags(args, ['env'], ['json']);
    const json = parsed.flags.has('json');
    const envName = lastValue(parsed, 'env');
    if (parsed.positional.length > 1) throw new UsageError(`unexpected argument '${parsed.positional[1]}'`);
    const file = parsed.positional[0];
    if (!file) throw new UsageError('give the .http file to read');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const text = readFileSync(file, 'utf8');
    const doc = parseHttp(text);
    const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
    let env: ResolvedEnvironment | undefined;
    const envDiagnostics: Diagnostic[] = [];
    if (envName !== undefined) {
      const r = resolveEnvironment(environmentSourcesFor(file), envName);
      env = r.environment;
      envDiagnostics.push(...r.diagnostics);
    }
    const requests: Shown[] = [];
    for (const r of doc.requests) requests.push(await show(doc, r, file, env, lines));
    const all = [...doc.diagnostics, ...envDiagnostics, ...requests.flatMap((r) => r.diagnostics ?? [])];
    const errors = all.filter((d) => d.severity === 'error').length;
    if (json) {
      io.stdout.write(`${JSON.stringify({ file, environment: envName, requests, fileVariables: doc.fileVariables, diagnostics: [...doc.diagnostics, ...envDiagnostics] }, null, 2)}\n`);
      return errors ? 2 : 0;
    }
    const out: string[] = [`${file}: ${requests.length} request${requests.length === 1 ? '' : 's'}${envName ? ` (environment '${envName}')` : ''}`];
    requests.forEach((r, i) => {
      out.push(`  ${i + 1}. ${r.name ? `${r.name}  ` : ''}${r.method} ${r.url}  [lines ${r.lines.start}-${r.lines.end}]${r.title ? `  "${r.title}"` : ''}`);
      if (r.resolvedUrl !== undefined && r.resolvedUrl !== r.url) out.push(`     resolved: ${r.resolvedUrl}`);
      for (const h of r.headers) out.push(`     ${h.name}: ${h.value}${h.resolved !== undefined && h.resolved !== h.value ? `  → ${h.resolved}` : ''}`);
      out.push(`     body: ${r.bodyKind}`);
      for (const d of r.diagnostics ?? []) out.push(`     ! ${diagLine(d)}`);
    });
    const fileDiags = [...doc.diagnostics, ...envDiagnostics];
    if (fileDiags.length) out.push('diagnostics:', ...fileDiags.map((d) => `  ${diagLine(d)}`));
    else out.push('diagnostics: none');
    io.stdout.write(`${out.join('\n')}\n`);
    return errors ? 2 : 0;
  },
};
