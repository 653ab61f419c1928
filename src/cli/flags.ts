import { parseArgs } from 'node:util';
import { UsageError } from './io';

export interface ParsedFlags {
  /** every value given to each valued option, in order (repeatable options collect) */
  values: Map<string, string[]>;
  /** the boolean options given */
  flags: Set<string>;
  positional: string[];
  /** for each positional, the option written just before it, if that option takes no value */
  after: Array<string | undefined>;
}

/**
 * `--name value` / `--name=value` options (repeatable ones collect), `--flag` booleans and positionals,
 * read by node's `util.parseArgs` in strict mode; its errors become usage errors (exit code 2).
 */
export function parseFlags(args: readonly string[], valued: readonly string[], booleans: readonly string[]): ParsedFlags {
  const options: Record<string, { type: 'string'; multiple: true } | { type: 'boolean' }> = {};
  for (const name of valued) options[name] = { type: 'string', multiple: true };
  for (const name of booleans) options[name] = { type: 'boolean' };
  let tokens;
  try {
    tokens = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true }).tokens;
  } catch (e) {
    throw new UsageError(usageMessage(e as Error & { code?: string }));
  }
  const out: ParsedFlags = { values: new Map(), flags: new Set(), positional: [], after: [] };
  let previous: string | undefined;
  for (const t of tokens) {
    if (t.kind === 'option') {
      if (t.value === undefined) out.flags.add(t.name);
      else out.values.set(t.name, [...(out.values.get(t.name) ?? []), t.value]);
      previous = t.value === undefined ? t.name : undefined;
    } else if (t.kind === 'positional') {
      out.positional.push(t.value);
      out.after.push(previous);
      previous = undefined;
    } else {
      previous = undefined;
    }
  }
  return out;
}

/** parseArgs' error in the CLI's own words: which option, and what is wrong with it */
function usageMessage(e: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' =]+)/.exec(e.message)?.[1];
  if (!option) return e.message;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(e.message) ? `${option} takes no value` : `${option} needs a value (write ${option}=VALUE for one that starts with -)`;
  }
  return e.message;
}

/** the last value of a valued option */
export function lastValue(parsed: ParsedFlags, name: string): string | undefined {
  return parsed.values.get(name)?.at(-1);
}

export function numberFlag(values: Map<string, string[]>, name: string, fallback: number, unit?: string): number;
export function numberFlag(values: Map<string, string[]>, name: string, fallback: undefined, unit?: string): number | undefined;
export function numberFlag(values: Map<string, string[]>, name: string, fallback: number | undefined, unit?: string): number | undefined {
  const v = values.get(name)?.at(-1);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number${unit ? ` of ${unit}` : ''}, not '${v}'`);
  return n;
}
