import { UsageError } from './io';

/** Flags of the form `--name value` (repeatable ones collect), `--flag` booleans, and positionals. */
export function parseFlags(args: string[], valued: string[], booleans: string[]): { values: Map<string, string[]>; flags: Set<string>; positional: string[] } {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.includes(name)) { flags.add(name); continue; }
    if (!valued.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, flags, positional };
}

export function numberFlag(values: Map<string, string[]>, name: string, fallback: number): number {
  const v = values.get(name)?.at(-1);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number, not '${v}'`);
  return n;
}
