import * as path from 'node:path';
import { readPath } from '../assert/subjects';
import type { OutgoingRequest } from '../model';
import type { NamedExchange, RequestResolver, ResolveInput } from './ports';

export interface ResolverSettings {
  /** the selected environment's variables (http-client.env.json / settings) */
  environment: Record<string, string>;
  /** `--var k=v` overrides: win over file variables and the environment */
  variables: Record<string, string>;
}

const REF = /\{\{\s*([^{}]+?)\s*\}\}/g;

function fromExchange(ex: NamedExchange, rest: string[]): string | undefined {
  const [part, what, ...tail] = rest;
  const side = part === 'response' ? ex.response : part === 'request' ? ex.request : undefined;
  if (!side) return undefined;
  if (what === 'headers') {
    const name = tail.join('.').toLowerCase();
    return side.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  }
  if (what === 'body') {
    const bodyText = part === 'response' ? ex.body.toString('utf8') : ex.request.body?.kind === 'buffer' ? ex.request.body.data.toString('utf8') : '';
    const selector = tail.join('.');
    if (!selector || selector === '*') return bodyText;
    let json: unknown;
    try { json = JSON.parse(bodyText) as unknown; } catch { return undefined; }
    const value = readPath(json, selector);
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  return undefined;
}

/**
 * A RequestResolver for the runner: substitutes `{{name}}` from request variables, `client.global`,
 * `--var`, file variables and the environment, and `{{req.response.body.$.x}}` / `.headers.X` from named
 * requests. Unresolved references are an error naming them.
 */
export function createResolver(settings: ResolverSettings): RequestResolver {
  const substituter = (input: ResolveInput) => {
    const fileVars = new Map(input.document.fileVariables.map((v) => [v.name, v.value]));
    const missing = new Set<string>();
    const lookup = (ref: string, depth: number): string | undefined => {
      if (input.requestVariables.has(ref)) return input.requestVariables.get(ref);
      if (input.globals.has(ref)) return input.globals.get(ref);
      if (ref in settings.variables) return settings.variables[ref];
      if (fileVars.has(ref)) return substitute(fileVars.get(ref)!, depth + 1);
      if (ref in settings.environment) return substitute(settings.environment[ref]!, depth + 1);
      const [head, ...rest] = ref.split('.');
      const ex = head !== undefined ? input.responses.get(head) : undefined;
      return ex ? fromExchange(ex, rest) : undefined;
    };
    const substitute = (text: string, depth = 0): string =>
      depth > 10 ? text : text.replace(REF, (whole, ref: string) => {
        const value = lookup(ref, depth);
        if (value === undefined) { missing.add(ref); return whole; }
        return value;
      });
    return { substitute, missing };
  };
  return {
    environmentValue: (name) => settings.environment[name],
    substitute: async (text, input) => substituter(input).substitute(text),
    resolve: async (input: ResolveInput): Promise<OutgoingRequest> => {
      const { substitute, missing } = substituter(input);
      const b = input.block;
      const url = substitute(b.url);
      const headers = b.headers.map((h): [string, string] => [h.name, substitute(h.value)]);
      let body: OutgoingRequest['body'];
      if (b.body.kind === 'text') body = { kind: 'buffer', data: Buffer.from(substitute(b.body.text)) };
      else if (b.body.kind === 'file') body = { kind: 'file', path: path.resolve(path.dirname(input.filePath), substitute(b.body.path)) };
      if (missing.size) throw new Error(`unresolved variable${missing.size > 1 ? 's' : ''}: ${[...missing].map((m) => `{{${m}}}`).join(', ')}`);
      return { method: b.method, url, headers, ...(body ? { body } : {}) };
    },
  };
}
