import { UserFacingError } from '../common/errors';

/** One problem found in a payload: the JSON path, Discord's error code and its message. */
export interface ValidationIssue {
  /** JSON path as keys, e.g. ['embeds', 0, 'title'] */
  path: Array<string | number>;
  code: string;
  message: string;
}

/** A flat issue for editor diagnostics: `embeds[0].title`. */
export interface FlatIssue { path: string; code: string; message: string }

/** Discord's JSON error body (reference "Error Messages"). */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: DiscordErrorTree;
  [other: string]: unknown;
}
export interface DiscordErrorTree {
  _errors?: Array<{ code: string; message: string }>;
  [key: string]: DiscordErrorTree | Array<{ code: string; message: string }> | undefined;
}

export const INVALID_FORM_BODY = 50035;
export const EMPTY_MESSAGE = 50006;

/** `['embeds', 0, 'title']` → `embeds[0].title` */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number' || /^\d+$/.test(key)) out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

/** Builds Discord's nested `{code: 50035, message, errors: {embeds: {"0": {title: {_errors: […]}}}}}`. */
export function toInvalidFormBody(issues: readonly ValidationIssue[]): DiscordErrorBody {
  const errors: DiscordErrorTree = {};
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as DiscordErrorTree;
    }
    (node._errors ??= []).push({ code: issue.code, message: issue.message });
  }
  return { code: INVALID_FORM_BODY, message: 'Invalid Form Body', errors };
}

export function emptyMessageBody(): DiscordErrorBody {
  return { message: 'Cannot send an empty message', code: EMPTY_MESSAGE };
}

/** Walks a Discord error tree into flat `{path, code, message}` items, in the order they appear. */
export function flattenErrorTree(tree: DiscordErrorTree | undefined, prefix: Array<string | number> = []): FlatIssue[] {
  if (!tree || typeof tree !== 'object') return [];
  const out: FlatIssue[] = [];
  for (const e of tree._errors ?? []) out.push({ path: formatPath(prefix), code: e.code, message: e.message });
  for (const [key, child] of Object.entries(tree)) {
    if (key === '_errors' || !child || Array.isArray(child)) continue;
    out.push(...flattenErrorTree(child, [...prefix, key]));
  }
  return out;
}

export function flattenIssues(issues: readonly ValidationIssue[]): FlatIssue[] {
  return issues.map((i) => ({ path: formatPath(i.path), code: i.code, message: i.message }));
}

/** The lines a person reads for a Discord error body: one headline, then one line per path. */
export function describeDiscordError(status: number, body: unknown): string {
  if (!body || typeof body !== 'object') return `Discord answered ${status}.`;
  const b = body as Partial<DiscordErrorBody>;
  const head = `Discord answered ${status}${b.code !== undefined ? ` (code ${b.code})` : ''}: ${b.message ?? 'no message'}`;
  const items = flattenErrorTree(b.errors);
  return [head, ...items.map((i) => `  ${i.path || '(body)'}: ${i.message} [${i.code}]`)].join('\n');
}

/** The payload broke Discord's documented rules; nothing was sent. */
export class DiscordValidationError extends UserFacingError {
  constructor(readonly body: DiscordErrorBody, readonly issues: FlatIssue[]) {
    super(
      issues.length
        ? `The Discord message is not valid:\n${issues.map((i) => `  ${i.path || '(body)'}: ${i.message}`).join('\n')}`
        : `The Discord message is not valid: ${body.message}`,
      'discord.invalid-payload',
      'Fix the fields listed; Discord would refuse this message with the same errors.',
    );
  }
}

/** Discord (or the emulator) refused a request; `message` lists each path it complained about. */
export class DiscordApiError extends UserFacingError {
  readonly issues: FlatIssue[];
  constructor(readonly status: number, readonly body: unknown, hint?: string) {
    super(describeDiscordError(status, body), `discord.http-${status}`, hint);
    const tree = body && typeof body === 'object' ? (body as DiscordErrorBody).errors : undefined;
    this.issues = flattenErrorTree(tree);
  }
  get discordCode(): number | undefined {
    const b = this.body as Partial<DiscordErrorBody> | undefined;
    return typeof b?.code === 'number' ? b.code : undefined;
  }
}
