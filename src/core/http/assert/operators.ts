import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Operator } from './parseAssertion';

/** The value an assertion checks, plus the bytes to hash when the subject is the whole body. */
export interface SubjectValue {
  value: unknown;
  /** raw bytes for hash operators (whole body); otherwise the value's text is hashed */
  bytes?: Buffer;
}

export interface Verdict {
  passed: boolean;
  /** why it failed, in one sentence; '' when passed */
  reason: string;
}

/** Strips one level of matching quotes: `"Ada"` → `Ada`. */
export function unquote(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) {
    if (t[0] === '"') {
      try { return JSON.parse(t) as string; } catch { /* fall through */ }
    }
    return t.slice(1, -1);
  }
  return t;
}

/** The expected text as a value: quoted → string, true/false/null, numbers, JSON objects/arrays, else the text. */
export function coerceExpected(raw: string): unknown {
  const t = raw.trim();
  if (/^(["']).*\1$/s.test(t)) return unquote(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t === 'undefined') return undefined;
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^[[{]/.test(t)) {
    try { return JSON.parse(t) as unknown; } catch { /* not JSON: keep the text */ }
  }
  return t;
}

/** How a value is shown in results: strings as they are, others as JSON (shortened). */
export function display(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  let s: string;
  try { s = JSON.stringify(value) ?? String(value); } catch { s = String(value); }
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'object') return display(value);
  return String(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function looseEquals(actual: unknown, raw: string): boolean {
  const expected = coerceExpected(raw);
  if (actual === undefined) return expected === undefined && raw.trim() === 'undefined';
  if (actual === null) return expected === null;
  if (typeof actual === 'number') return asNumber(expected) === actual || String(actual) === unquote(raw);
  if (typeof actual === 'boolean') return String(actual) === unquote(raw);
  if (typeof actual === 'string') return actual === unquote(raw);
  if (typeof actual === 'object') {
    if (typeof expected === 'object' && expected !== null) return isDeepStrictEqual(actual, expected);
    return display(actual) === raw.trim();
  }
  return String(actual) === unquote(raw);
}

function order(actual: unknown, raw: string): number | undefined {
  const a = asNumber(actual);
  const e = asNumber(unquote(raw));
  if (a !== undefined && e !== undefined) return a - e;
  const at = asText(actual);
  if (at === undefined) return undefined;
  const et = unquote(raw);
  return at < et ? -1 : at > et ? 1 : 0;
}

function toRegExp(raw: string): RegExp {
  const t = unquote(raw);
  const m = /^\/(.*)\/([dgimsuvy]*)$/s.exec(t);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(t);
}

function hashMatches(algorithm: 'sha256' | 'sha512' | 'md5', subject: SubjectValue, raw: string): Verdict {
  const input = subject.bytes ?? (asText(subject.value) !== undefined ? Buffer.from(asText(subject.value)!, 'utf8') : undefined);
  if (!input) return { passed: false, reason: 'there is no value to hash' };
  const digest = createHash(algorithm).update(input).digest();
  const want = unquote(raw);
  const base64 = digest.toString('base64');
  const ok = want === base64 || want === base64.replace(/=+$/, '') || want.toLowerCase() === digest.toString('hex');
  return ok ? pass() : { passed: false, reason: `${algorithm} of the value is ${base64} (base64), not ${want}` };
}

function pass(): Verdict { return { passed: true, reason: '' }; }
function check(ok: boolean, reason: string): Verdict { return ok ? pass() : { passed: false, reason }; }

/** Applies `operator` to the subject; `raw` is the expected text as written (undefined for unary operators). */
export function applyOperator(operator: Operator, subject: SubjectValue, raw: string | undefined): Verdict {
  const v = subject.value;
  const shown = display(v);
  const want = raw ?? '';
  switch (operator) {
    case '==': return check(looseEquals(v, want), `expected ${unquote(want)}, got ${shown}`);
    case '!=': return check(!looseEquals(v, want), `expected anything but ${unquote(want)}`);
    case '<': case '<=': case '>': case '>=': {
      const d = order(v, want);
      if (d === undefined) return { passed: false, reason: `cannot compare ${shown} with ${want}` };
      const ok = operator === '<' ? d < 0 : operator === '<=' ? d <= 0 : operator === '>' ? d > 0 : d >= 0;
      return check(ok, `expected ${shown} ${operator} ${unquote(want)}`);
    }
    case 'startsWith': case 'endsWith': {
      const text = asText(v);
      const e = unquote(want);
      const ok = text !== undefined && (operator === 'startsWith' ? text.startsWith(e) : text.endsWith(e));
      return check(ok, `expected ${shown} to ${operator === 'startsWith' ? 'start' : 'end'} with ${e}`);
    }
    case 'includes': case 'contains': {
      const e = unquote(want);
      if (Array.isArray(v)) return check(v.some((item) => looseEquals(item, want)), `expected the array to include ${e}`);
      const text = asText(v);
      return check(text !== undefined && text.includes(e), `expected ${shown} to include ${e}`);
    }
    case 'matches': {
      let re: RegExp;
      try { re = toRegExp(want); } catch (err) { return { passed: false, reason: `invalid regular expression ${want}: ${(err as Error).message}` }; }
      const text = asText(v);
      return check(text !== undefined && re.test(text), `expected ${shown} to match ${re}`);
    }
    case 'sha256': case 'sha512': case 'md5': return hashMatches(operator, subject, want);
    case 'exists': return check(v !== undefined && v !== null, 'expected a value, found none');
    case 'isTrue': return check(Boolean(v) && v !== 'false', `expected a true value, got ${shown}`);
    case 'isFalse': return check(!v || v === 'false', `expected a false value, got ${shown}`);
    case 'isNumber': return check(asNumber(v) !== undefined, `expected a number, got ${shown}`);
    case 'isBoolean': return check(typeof v === 'boolean' || v === 'true' || v === 'false', `expected a boolean, got ${shown}`);
    case 'isString': return check(typeof v === 'string', `expected a string, got ${shown}`);
    case 'isArray': return check(Array.isArray(v), `expected an array, got ${shown}`);
  }
}
