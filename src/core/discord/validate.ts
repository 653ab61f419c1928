import { emptyMessageBody, flattenIssues, toInvalidFormBody, type DiscordErrorBody, type FlatIssue, type ValidationIssue } from './errors';
import { MessageFlags } from './types';

/**
 * Checks an Execute Webhook payload against the rules in Discord's docs (resources/webhook "Execute
 * Webhook", resources/message "Embed Limits" and "Message Flags", resources/poll) and reports each
 * problem the way Discord does: a 50035 "Invalid Form Body" with `_errors` nested by JSON path, or 50006
 * for a message with nothing to show. Strings are trimmed before they are measured, as Discord does.
 * Error codes and messages follow the ones Discord returns (BASE_TYPE_MAX_LENGTH, BASE_TYPE_REQUIRED,
 * MAX_EMBED_SIZE_EXCEEDED, USERNAME_INVALID_CONTAINS, URL_TYPE_INVALID_SCHEME, …).
 */

export const Limits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  usernameMin: 1,
  usernameMax: 80,
  threadName: 100,
  pollQuestion: 300,
  pollAnswers: 10,
  pollAnswerText: 55,
  pollMaxHours: 768,
  attachmentDescription: 1024,
  mentionIds: 100,
} as const;

const EXECUTE_FLAGS = MessageFlags.SUPPRESS_EMBEDS | MessageFlags.SUPPRESS_NOTIFICATIONS | MessageFlags.IS_COMPONENTS_V2;
const EDIT_FLAGS = MessageFlags.SUPPRESS_EMBEDS | MessageFlags.IS_COMPONENTS_V2;
const FORBIDDEN_NAME_PARTS = ['clyde', 'discord'];

export interface ValidateOptions {
  /** how many files go with the payload as `files[n]` */
  fileCount?: number;
  /** 'edit' (PATCH a message): every field optional, no username, SUPPRESS_NOTIFICATIONS not allowed */
  mode?: 'execute' | 'edit';
}

export interface ValidationResult {
  ok: boolean;
  /** flat list for diagnostics: `{path: 'embeds[0].title', code, message}` */
  issues: FlatIssue[];
  /** Discord's error body when not ok (50035 or 50006) */
  body?: DiscordErrorBody;
}

type Path = Array<string | number>;
type Obj = Record<string, unknown>;

/** Length as Discord counts it: characters (code points) after trimming. */
export function textLength(s: string): number {
  return [...s.trim()].length;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;

class Checker {
  readonly issues: ValidationIssue[] = [];

  add(path: Path, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** A string no longer than `max`; `required` also refuses a missing or blank value. Returns the trimmed length. */
  text(obj: Obj, key: string, path: Path, max: number, required = false): number {
    const v = obj[key];
    if (!present(v)) {
      if (required) this.add([...path, key], 'BASE_TYPE_REQUIRED', 'This field is required');
      return 0;
    }
    if (typeof v !== 'string') {
      this.add([...path, key], 'BASE_TYPE_STRING', `Could not interpret "${JSON.stringify(v)}" as string.`);
      return 0;
    }
    const len = textLength(v);
    if (required && len === 0) this.add([...path, key], 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (len > max) this.add([...path, key], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    return len;
  }

  /** An http(s) URL, or with `attachment` also `attachment://name`. */
  url(obj: Obj, key: string, path: Path, attachment: boolean, required = false): void {
    const v = obj[key];
    const p = [...path, key];
    if (!present(v)) {
      if (required) this.add(p, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof v !== 'string') {
      this.add(p, 'BASE_TYPE_STRING', `Could not interpret "${JSON.stringify(v)}" as string.`);
      return;
    }
    const schemes = attachment ? ['http', 'https', 'attachment'] : ['http', 'https'];
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v.trim());
    const scheme = m ? m[1].toLowerCase() : '';
    if (!schemes.includes(scheme)) {
      this.add(p, 'URL_TYPE_INVALID_SCHEME', `Scheme "${scheme}" is not supported. Scheme must be one of (${schemes.map((s) => `'${s}'`).join(', ')}).`);
      return;
    }
    if (scheme === 'attachment' ? !/^attachment:\/\/[^/\s]+$/i.test(v.trim()) : !URL.canParse(v.trim())) {
      this.add(p, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
  }

  int(obj: Obj, key: string, path: Path, min: number, max: number): number | undefined {
    const v = obj[key];
    if (!present(v)) return undefined;
    const p = [...path, key];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.add(p, 'NUMBER_TYPE_COERCE', `Value "${String(v)}" is not int.`);
      return undefined;
    }
    if (v < min) this.add(p, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
    else if (v > max) this.add(p, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
    return v;
  }

  bool(obj: Obj, key: string, path: Path): void {
    const v = obj[key];
    if (present(v) && typeof v !== 'boolean') this.add([...path, key], 'BOOLEAN_TYPE_COERCE', `Value "${String(v)}" is not a valid boolean.`);
  }

  /** An object (dictionary); reports and returns undefined otherwise. */
  dict(obj: Obj, key: string, path: Path, required = false): Obj | undefined {
    const v = obj[key];
    if (!present(v)) {
      if (required) this.add([...path, key], 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (!isObj(v)) { this.add([...path, key], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'); return undefined; }
    return v;
  }

  list(obj: Obj, key: string, path: Path, max: number): unknown[] | undefined {
    const v = obj[key];
    if (!present(v)) return undefined;
    if (!Array.isArray(v)) { this.add([...path, key], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType'); return undefined; }
    if (v.length > max) this.add([...path, key], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    return v;
  }
}

const ISO8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

function checkEmbed(c: Checker, embed: unknown, path: Path): number {
  if (!isObj(embed)) { c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'); return 0; }
  let total = c.text(embed, 'title', path, Limits.title) + c.text(embed, 'description', path, Limits.description);
  c.url(embed, 'url', path, false);
  c.int(embed, 'color', path, 0, 0xffffff);
  const ts = embed.timestamp;
  if (present(ts) && (typeof ts !== 'string' || !ISO8601.test(ts) || Number.isNaN(Date.parse(ts)))) {
    c.add([...path, 'timestamp'], 'DATE_TYPE_PARSE', `Could not parse ${String(ts)}. Should be ISO8601.`);
  }
  const footer = c.dict(embed, 'footer', path);
  if (footer) {
    total += c.text(footer, 'text', [...path, 'footer'], Limits.footerText, true);
    c.url(footer, 'icon_url', [...path, 'footer'], true);
  }
  for (const key of ['image', 'thumbnail']) {
    const media = c.dict(embed, key, path);
    if (media) c.url(media, 'url', [...path, key], true, true);
  }
  const author = c.dict(embed, 'author', path);
  if (author) {
    total += c.text(author, 'name', [...path, 'author'], Limits.authorName, true);
    c.url(author, 'url', [...path, 'author'], false);
    c.url(author, 'icon_url', [...path, 'author'], true);
  }
  const fields = c.list(embed, 'fields', path, Limits.fields) ?? [];
  fields.forEach((f, i) => {
    const fp = [...path, 'fields', i];
    if (!isObj(f)) { c.add(fp, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'); return; }
    total += c.text(f, 'name', fp, Limits.fieldName, true) + c.text(f, 'value', fp, Limits.fieldValue, true);
    c.bool(f, 'inline', fp);
  });
  return total;
}

function checkPoll(c: Checker, poll: Obj): void {
  const question = c.dict(poll, 'question', ['poll'], true);
  if (question) c.text(question, 'text', ['poll', 'question'], Limits.pollQuestion, true);
  if (!present(poll.answers)) c.add(['poll', 'answers'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const answers = c.list(poll, 'answers', ['poll'], Limits.pollAnswers) ?? [];
  if (Array.isArray(poll.answers) && answers.length === 0) c.add(['poll', 'answers'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  answers.forEach((a, i) => {
    const ap: Path = ['poll', 'answers', i];
    if (!isObj(a)) { c.add(ap, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'); return; }
    const media = c.dict(a, 'poll_media', ap, true);
    if (media) c.text(media, 'text', [...ap, 'poll_media'], Limits.pollAnswerText, true);
  });
  c.int(poll, 'duration', ['poll'], 1, Limits.pollMaxHours);
  c.bool(poll, 'allow_multiselect', ['poll']);
  const layout = poll.layout_type;
  if (present(layout) && layout !== 1) c.add(['poll', 'layout_type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1,).');
}

function checkMentions(c: Checker, am: Obj): void {
  const parse = c.list(am, 'parse', ['allowed_mentions'], 3) ?? [];
  parse.forEach((p, i) => {
    if (p !== 'roles' && p !== 'users' && p !== 'everyone') {
      c.add(['allowed_mentions', 'parse', i], 'BASE_TYPE_CHOICES', "Value must be one of ('roles', 'users', 'everyone').");
    }
  });
  for (const key of ['users', 'roles'] as const) {
    const ids = c.list(am, key, ['allowed_mentions'], Limits.mentionIds);
    if (ids?.length && parse.includes(key)) {
      c.add(['allowed_mentions', key], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`);
    }
  }
  c.bool(am, 'replied_user', ['allowed_mentions']);
}

function hasContent(p: Obj, fileCount: number): boolean {
  return (typeof p.content === 'string' && p.content.trim() !== '')
    || (Array.isArray(p.embeds) && p.embeds.length > 0)
    || (Array.isArray(p.components) && p.components.length > 0)
    || isObj(p.poll)
    || fileCount > 0;
}

/** Validates a payload; `ok` false comes with Discord's error body and the flat issue list. */
export function validatePayload(payload: unknown, options: ValidateOptions = {}): ValidationResult {
  const mode = options.mode ?? 'execute';
  const fileCount = options.fileCount ?? 0;
  const c = new Checker();
  if (!isObj(payload)) {
    c.add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return finish(c);
  }
  c.text(payload, 'content', [], Limits.content);
  if (mode === 'execute') {
    const u = payload.username;
    if (present(u)) {
      if (typeof u !== 'string') c.add(['username'], 'BASE_TYPE_STRING', `Could not interpret "${JSON.stringify(u)}" as string.`);
      else {
        const len = textLength(u);
        const bad = FORBIDDEN_NAME_PARTS.find((w) => u.toLowerCase().includes(w));
        if (len < Limits.usernameMin || len > Limits.usernameMax) c.add(['username'], 'BASE_TYPE_BAD_LENGTH', `Must be between ${Limits.usernameMin} and ${Limits.usernameMax} in length.`);
        else if (bad) c.add(['username'], 'USERNAME_INVALID_CONTAINS', `Username cannot contain "${bad}"`);
      }
    }
    c.url(payload, 'avatar_url', [], false);
    c.bool(payload, 'tts', []);
    const tn = payload.thread_name;
    if (typeof tn === 'string' && (textLength(tn) === 0 || textLength(tn) > Limits.threadName)) {
      c.add(['thread_name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${Limits.threadName} in length.`);
    } else c.text(payload, 'thread_name', [], Limits.threadName);
  }
  const embeds = c.list(payload, 'embeds', [], Limits.embeds) ?? [];
  let total = 0;
  embeds.forEach((e, i) => { total += checkEmbed(c, e, ['embeds', i]); });
  if (total > Limits.embedTotal) c.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  const am = c.dict(payload, 'allowed_mentions', []);
  if (am) checkMentions(c, am);
  const flags = c.int(payload, 'flags', [], 0, Number.MAX_SAFE_INTEGER);
  const allowed = mode === 'edit' ? EDIT_FLAGS : EXECUTE_FLAGS;
  if (flags !== undefined && (flags & ~allowed) !== 0) {
    c.add(['flags'], 'MESSAGE_FLAGS_NOT_ALLOWED', mode === 'edit'
      ? 'Only SUPPRESS_EMBEDS (4) and IS_COMPONENTS_V2 (32768) can be set when editing a webhook message.'
      : 'Only SUPPRESS_EMBEDS (4), SUPPRESS_NOTIFICATIONS (4096) and IS_COMPONENTS_V2 (32768) can be set on a webhook message.');
  }
  if (flags !== undefined && (flags & MessageFlags.IS_COMPONENTS_V2)) {
    for (const key of ['content', 'embeds', 'poll']) {
      if (present(payload[key])) c.add([key], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`);
    }
  }
  const poll = mode === 'execute' ? c.dict(payload, 'poll', []) : undefined;
  if (poll) checkPoll(c, poll);
  const attachments = c.list(payload, 'attachments', [], 10) ?? [];
  attachments.forEach((a, i) => {
    if (!isObj(a)) { c.add(['attachments', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'); return; }
    if (!present(a.id)) c.add(['attachments', i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    c.text(a, 'description', ['attachments', i], Limits.attachmentDescription);
  });
  if (c.issues.length) return finish(c);
  if (mode === 'execute' && !hasContent(payload, fileCount)) return { ok: false, issues: [{ path: '', code: '50006', message: 'Cannot send an empty message' }], body: emptyMessageBody() };
  return { ok: true, issues: [] };
}

function finish(c: Checker): ValidationResult {
  return { ok: false, issues: flattenIssues(c.issues), body: toInvalidFormBody(c.issues) };
}
