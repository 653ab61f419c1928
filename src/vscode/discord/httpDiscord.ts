import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { parseHttp } from '../../core/http/parse';
import type { RequestBlock } from '../../core/http/model';

/**
 * Finds the requests of an `.http` file that go to a Discord webhook and maps Discord's JSON error
 * paths (`embeds[0].title`) to places in their bodies. No `vscode` here: offsets and lines only, so it
 * is unit-tested in plain Node. (An adapter over core's .http parser and jsonc-parser's tree; core has
 * no "JSON path → text offset" function.)
 */

export interface DiscordHttpRequest {
  /** 0-based line of `POST …` */
  requestLine: number;
  /** POST (execute) or PATCH (edit a message) */
  method: 'POST' | 'PATCH';
  /** the URL as written (variables unresolved) */
  url: string;
  /** 0-based first and last line of the body */
  bodyStartLine: number;
  bodyEndLine: number;
  /** the body's lines exactly as in the document, joined with \n */
  bodyText: string;
  /** the body as a value, when it reads as JSON */
  payload?: unknown;
  /** the first JSON syntax error, with its offset in bodyText */
  parseError?: { message: string; offset: number; length: number };
}

const DISCORD_PATH = /\/api(?:\/v\d+)?\/webhooks\/[^/\s]+\/[^/\s?#]+/;
const DISCORD_HOST = /^https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\//i;

/**
 * True for a URL that posts to a Discord webhook: a Discord host, the emulator's path shape
 * (`/api/webhooks/{id}/{token}`), or a variable whose name or value says so (`{{discordWebhookUrl}}`).
 */
export function isDiscordWebhookUrl(url: string, variables: ReadonlyMap<string, string> = new Map()): boolean {
  const expanded = url.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, name: string) => variables.get(name) ?? m);
  if (DISCORD_HOST.test(expanded) && /\/webhooks\//.test(expanded)) return true;
  if (DISCORD_PATH.test(expanded)) return true;
  return /^\{\{\s*[\w.-]*discord[\w.-]*\s*\}\}/i.test(url.trim());
}

/** Every request in the text that sends a JSON body to a Discord webhook. */
export function findDiscordRequests(text: string): DiscordHttpRequest[] {
  const doc = parseHttp(text);
  const vars = new Map(doc.fileVariables.map((v) => [v.name, v.value] as const));
  const lines = text.split(/\r?\n/);
  const out: DiscordHttpRequest[] = [];
  for (const r of doc.requests) {
    if (!isDiscordRequest(r, vars)) continue;
    if (r.body.kind !== 'text') continue;
    const { startLine, endLine } = r.body.range;
    const bodyText = lines.slice(startLine, endLine + 1).join('\n');
    out.push({ requestLine: r.requestLine, method: r.method.toUpperCase() === 'PATCH' ? 'PATCH' : 'POST', url: r.url, bodyStartLine: startLine, bodyEndLine: endLine, bodyText, ...readJson(bodyText) });
  }
  return out;
}

function isDiscordRequest(r: RequestBlock, vars: ReadonlyMap<string, string>): boolean {
  if (r.method.toUpperCase() !== 'POST' && r.method.toUpperCase() !== 'PATCH') return false;
  if (r.bodyKind !== 'json' && r.bodyKind !== 'text') return false;
  return isDiscordWebhookUrl(r.url, vars);
}

/** The Discord request whose lines (request line to end of body) hold `line`, else undefined. */
export function requestAtLine(requests: readonly DiscordHttpRequest[], line: number): DiscordHttpRequest | undefined {
  return requests.find((r) => line >= r.requestLine && line <= r.bodyEndLine);
}

function readJson(text: string): Pick<DiscordHttpRequest, 'payload' | 'parseError'> {
  const errors: ParseError[] = [];
  const payload = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    return { parseError: { message: printParseErrorCode(e.error), offset: e.offset, length: Math.max(1, e.length) } };
  }
  return { payload };
}

/** `embeds[0].fields[2].name` → ['embeds', 0, 'fields', 2, 'name']; '' → []. */
export function splitJsonPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
  return out;
}

/**
 * Where to underline a problem at `path` in the JSON text: the key of that property (or the element
 * of an array); when the path does not exist (a missing required field), the key of the nearest
 * ancestor that does; for the whole body, the first character.
 */
export function locateJsonPath(text: string, path: string): { offset: number; length: number } {
  const root = parseTree(text);
  if (!root) return { offset: 0, length: Math.min(1, text.length) };
  const segments = splitJsonPath(path);
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) return spanOf(node);
  }
  return { offset: root.offset, length: 1 };
}

function spanOf(node: Node): { offset: number; length: number } {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0]) {
    const key = parent.children[0];
    return { offset: key.offset, length: key.length };
  }
  // array elements and objects: their first line at most
  return { offset: node.offset, length: node.type === 'object' || node.type === 'array' ? 1 : node.length };
}

/** 0-based line and column of an offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart };
}
