/** What the editor shows when hovering `{{name}}`: the value, where it came from, secrets masked. */
import type { HttpDocument } from '../model';
import { describeSource, type VariableSource } from './host';
import { VariableResolver, type ResolveOptions } from './resolver';

const SECRET_NAME = /token|secret|password|passwd|key|auth|credential/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `abcdefgh` → `ab••••gh`; short values become all dots. */
export function maskValue(value: string): string {
  if (value.length <= 6) return '•'.repeat(Math.max(value.length, 3));
  return `${value.slice(0, 2)}${'•'.repeat(Math.min(value.length - 4, 12))}${value.slice(-2)}`;
}

/** The expression inside the `{{…}}` that covers `column` of `lineText`, with its columns; undefined outside one. */
export function variableAt(lineText: string, column: number): { expr: string; start: number; end: number } | undefined {
  const open = lineText.lastIndexOf('{{', column);
  if (open < 0) return undefined;
  const close = lineText.indexOf('}}', open + 2);
  if (close < 0 || column > close + 1) return undefined;
  const inner = lineText.slice(open + 2, close);
  if (inner.includes('{{')) return undefined;
  return { expr: inner.trim(), start: open, end: close + 2 };
}

export interface VariableDescription {
  expr: string;
  /** the value to show (masked unless `reveal`); undefined when it cannot be resolved */
  value?: string;
  masked: boolean;
  source?: VariableSource;
  /** e.g. "environment 'dev'", "file variable (line 3)" */
  sourceText: string;
  /** why it could not be resolved */
  problem?: string;
}

/**
 * Resolves `expr` for a hover. Never sends a request: a chained value whose request has no response yet
 * is reported as such. Names matching /token|secret|password|key|auth/i are masked unless `reveal`.
 */
export async function describeVariable(doc: HttpDocument, expr: string, opts: Omit<ResolveOptions, 'document'> & { reveal?: boolean; line?: number }): Promise<VariableDescription> {
  const host = { ...opts.host, runDependency: undefined, prompt: undefined };
  const resolver = new VariableResolver({ ...opts, host, document: doc });
  const r = await resolver.resolve(expr, opts.line ?? 0);
  if (!r) {
    const problem = resolver.diagnostics[0]?.message ?? `Cannot resolve {{${expr}}}`;
    return { expr, masked: false, sourceText: 'unresolved', problem };
  }
  const name = expr.startsWith('$') ? expr.split(/\s/)[0] : expr;
  const masked = !opts.reveal && isSecretName(name);
  return { expr, value: masked ? maskValue(r.value) : r.value, masked, source: r.source, sourceText: describeSource(r.source) };
}

/**
 * Every variable a document can use by name — file variables, the chosen environment's variables, the
 * names of requests (for chaining) and `.env` keys — with value and source, for completion and hovers.
 * Values are resolved (file variables may reference others) and masked by name unless `reveal`.
 */
export async function listVariables(doc: HttpDocument, opts: Omit<ResolveOptions, 'document'> & { reveal?: boolean }): Promise<Array<{ name: string; value?: string; masked: boolean; sourceText: string }>> {
  const out: Array<{ name: string; value?: string; masked: boolean; sourceText: string }> = [];
  const seen = new Set<string>();
  const names = [...doc.fileVariables.map((v) => v.name), ...(opts.environment ? [...opts.environment.variables.keys()] : [])];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const d = await describeVariable(doc, name, opts);
    out.push({ name, value: d.value, masked: d.masked, sourceText: d.sourceText });
  }
  for (const r of doc.requests) {
    if (r.name && !seen.has(r.name)) { seen.add(r.name); out.push({ name: r.name, masked: false, sourceText: 'named request (use {{' + r.name + '.response.body.$.…}})' }); }
  }
  for (const [k, v] of Object.entries(opts.environment?.dotenv ?? {})) {
    const masked = !opts.reveal && isSecretName(k);
    out.push({ name: `$dotenv ${k}`, value: masked ? maskValue(v) : v, masked, sourceText: describeSource({ kind: 'dotenv' }) });
  }
  return out;
}
