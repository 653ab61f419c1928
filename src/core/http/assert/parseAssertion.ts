/**
 * Parses the text of an httpYac-style assertion line (after `??`): `<subject> [argument] <operator> [expected]`.
 * Subjects: status, header <name>, body [path], js <expression>, xpath <expression>, duration.
 */

export type SubjectKind = 'status' | 'header' | 'body' | 'js' | 'xpath' | 'duration';

export const SUBJECTS: readonly SubjectKind[] = ['status', 'header', 'body', 'js', 'xpath', 'duration'];

/** Operators that take no expected value. */
export const UNARY_OPERATORS = ['exists', 'isFalse', 'isTrue', 'isNumber', 'isBoolean', 'isString', 'isArray'] as const;
/** Operators that compare with an expected value. */
export const BINARY_OPERATORS = [
  '==', '!=', '<', '<=', '>', '>=', 'startsWith', 'endsWith', 'includes', 'contains', 'matches', 'sha256', 'sha512', 'md5',
] as const;

export type UnaryOperator = (typeof UNARY_OPERATORS)[number];
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];
export type Operator = UnaryOperator | BinaryOperator;

/** Spellings accepted for an operator, mapped to the canonical one. */
const ALIASES: Record<string, Operator> = { '===': '==', equals: '==', '!==': '!=', 'not equals': '!=' };

export interface ParsedAssertion {
  subject: SubjectKind;
  /** header name, body path, js or xpath expression; '' when the subject takes none */
  argument: string;
  operator: Operator;
  /** expected text as written (quotes kept), undefined for unary operators */
  expected?: string;
}

export type ParseAssertionResult = { ok: true; assertion: ParsedAssertion } | { ok: false; error: string };

const NEEDS_ARGUMENT: ReadonlySet<SubjectKind> = new Set(['header', 'js', 'xpath']);
const NO_ARGUMENT: ReadonlySet<SubjectKind> = new Set(['status', 'duration']);

function toOperator(token: string): Operator | undefined {
  if (token in ALIASES) return ALIASES[token];
  if ((UNARY_OPERATORS as readonly string[]).includes(token)) return token as Operator;
  if ((BINARY_OPERATORS as readonly string[]).includes(token)) return token as Operator;
  return undefined;
}

export function isUnary(op: Operator): op is UnaryOperator {
  return (UNARY_OPERATORS as readonly string[]).includes(op);
}

export function parseAssertion(text: string): ParseAssertionResult {
  const source = text.trim();
  if (!source) return { ok: false, error: 'empty assertion: write `?? <subject> <operator> [value]`, e.g. `?? status == 200`' };
  const subjectMatch = /^(\S+)\s*/.exec(source)!;
  const subjectWord = subjectMatch[1]!;
  const subject = SUBJECTS.find((s) => s === subjectWord.toLowerCase());
  if (!subject) {
    return { ok: false, error: `unknown assertion subject '${subjectWord}': use one of ${SUBJECTS.join(', ')}` };
  }
  const rest = source.slice(subjectMatch[0].length);
  // find the first whitespace-separated token that is an operator
  const tokenRe = /\S+/g;
  let m: RegExpExecArray | null;
  let found: { op: Operator; start: number; end: number } | undefined;
  while ((m = tokenRe.exec(rest))) {
    const two = /^not\s+equals(?=\s|$)/.exec(rest.slice(m.index));
    if (two) { found = { op: '!=', start: m.index, end: m.index + two[0].length }; break; }
    const op = toOperator(m[0]);
    if (op) { found = { op, start: m.index, end: m.index + m[0].length }; break; }
  }
  if (!found) {
    return { ok: false, error: `no operator in '${source}': expected one of ${[...BINARY_OPERATORS, ...UNARY_OPERATORS].join(', ')}` };
  }
  const argument = rest.slice(0, found.start).trim();
  const expectedText = rest.slice(found.end).trim();
  if (NEEDS_ARGUMENT.has(subject) && !argument) {
    return { ok: false, error: `'${subject}' needs ${subject === 'header' ? 'a header name' : 'an expression'} before the operator` };
  }
  if (NO_ARGUMENT.has(subject) && argument) {
    return { ok: false, error: `'${subject}' takes no argument, found '${argument}'` };
  }
  if (isUnary(found.op)) {
    if (expectedText) return { ok: false, error: `operator '${found.op}' takes no value, found '${expectedText}'` };
    return { ok: true, assertion: { subject, argument, operator: found.op } };
  }
  if (!expectedText) return { ok: false, error: `operator '${found.op}' needs a value after it` };
  return { ok: true, assertion: { subject, argument, operator: found.op, expected: expectedText } };
}
