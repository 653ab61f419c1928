import { JSONPath } from 'jsonpath-plus';
import { runInSandbox } from '../scripts/sandbox';
import type { SubjectValue } from './operators';
import type { ParsedAssertion } from './parseAssertion';
import type { ResponseView } from './responseView';

/** What a subject reads besides the response. */
export interface SubjectOptions {
  /** `js` subjects run only when true */
  allowScripts: boolean;
  timeoutMs: number;
  /** file name for script messages */
  filename: string;
  /** extra globals for `js` expressions (e.g. variables) */
  jsGlobals?: Record<string, unknown>;
}

/** Thrown when a subject cannot be read (bad path, body not JSON, XML parse error). */
export class SubjectError extends Error {}

/** Thrown for `js` subjects when scripts are not allowed. */
export class ScriptsNotAllowed extends Error {}

/** The object `js` assertions see as `response` (httpYac names plus JetBrains-style ones). */
export function responseForScripts(view: ResponseView): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [n, v] of view.headers) {
    const key = n.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${v}` : v;
  }
  const parsed = view.json;
  return {
    statusCode: view.status,
    status: view.status,
    statusMessage: view.statusText,
    headers,
    body: parsed !== undefined ? parsed : view.text,
    parsedBody: parsed,
    rawBody: view.text,
    contentType: { mimeType: view.mimeType, charset: view.charset },
    duration: view.duration,
    url: view.url,
  };
}

/** Evaluates a JSONPath (`$.a[0]`) or a property path (`a.b`, `items[0].id`) on a value. */
export function readPath(value: unknown, path: string): unknown {
  const trimmed = path.trim();
  const jsonPath = trimmed.startsWith('$') ? trimmed : trimmed.startsWith('[') ? `$${trimmed}` : `$.${trimmed}`;
  if (value === null || typeof value !== 'object') return undefined;
  const found = JSONPath({ path: jsonPath, json: value as object, wrap: true }) as unknown[] | undefined;
  if (!found || found.length === 0) return undefined;
  return found.length === 1 ? found[0] : found;
}

function readXPath(view: ResponseView, expression: string): unknown {
  // loaded on first use: the XML libraries cost startup time that most runs never need
  const { DOMParser } = require('@xmldom/xmldom') as typeof import('@xmldom/xmldom');
  const xpath = require('xpath') as typeof import('xpath');
  const errors: string[] = [];
  let doc: unknown;
  try {
    doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(view.text, 'text/xml');
  } catch (err) {
    throw new SubjectError(`the body is not XML: ${(err as Error).message}`);
  }
  if (errors.length) throw new SubjectError(`the body is not XML: ${errors[0]}`);
  let result: unknown;
  try {
    result = xpath.select(expression, doc as Node);
  } catch (err) {
    throw new SubjectError(`invalid XPath '${expression}': ${(err as Error).message}`);
  }
  if (Array.isArray(result)) {
    if (result.length === 0) return undefined;
    const node = result[0] as { nodeValue?: string | null; textContent?: string | null };
    return node.textContent ?? node.nodeValue ?? undefined;
  }
  return result;
}

/** Reads the value an assertion checks. Throws SubjectError / ScriptsNotAllowed / ScriptError. */
export function readSubject(a: ParsedAssertion, view: ResponseView, options: SubjectOptions): SubjectValue {
  switch (a.subject) {
    case 'status': return { value: view.status };
    case 'duration': return { value: view.duration };
    case 'header': return { value: view.header(a.argument) };
    case 'body': {
      if (!a.argument) return { value: view.json !== undefined ? view.json : view.text, bytes: view.bytes };
      if (view.json === undefined) throw new SubjectError(`the body is not JSON, so path '${a.argument}' cannot be read`);
      try {
        return { value: readPath(view.json, a.argument) };
      } catch (err) {
        throw new SubjectError(`invalid path '${a.argument}': ${(err as Error).message}`);
      }
    }
    case 'xpath': return { value: readXPath(view, a.argument) };
    case 'js': {
      if (!options.allowScripts) throw new ScriptsNotAllowed('skipped: scripts are not allowed here (trust the workspace, or pass --allow-scripts)');
      const globals = { ...options.jsGlobals, response: responseForScripts(view) };
      return { value: runInSandbox(`(${a.argument}\n)`, globals, { timeoutMs: options.timeoutMs, filename: options.filename }) };
    }
  }
}
