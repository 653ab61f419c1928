/**
 * Environments from the three places people keep them: JetBrains' http-client.env.json (+ the private
 * file, which overrides it), REST Client's `rest-client.environmentVariables` setting (with `$shared`),
 * and `.env` files (read with dotenv's own parser).
 */
import { parse as parseDotenvText } from 'dotenv';
import type { Diagnostic } from '../model';
import type { VariableSource } from './host';

export interface EnvironmentValue {
  value: string;
  source: VariableSource;
}

/** The variables of the chosen environment, plus the `.env` values for `{{$dotenv}}`. */
export interface ResolvedEnvironment {
  name?: string;
  variables: Map<string, EnvironmentValue>;
  dotenv: Record<string, string>;
}

type EnvFile = Record<string, Record<string, unknown>>;

export interface EnvironmentSources {
  /** text of http-client.env.json */
  jetbrainsPublic?: string;
  /** text of http-client.private.env.json */
  jetbrainsPrivate?: string;
  /** the `rest-client.environmentVariables` setting object */
  restClient?: Record<string, unknown>;
  /** text of a .env file */
  dotenv?: string;
}

function parseJson(text: string | undefined, file: string, diagnostics: Diagnostic[]): EnvFile {
  if (!text || !text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as EnvFile;
    diagnostics.push({ severity: 'error', message: `${file} must hold an object of environments`, line: 0, startColumn: 0, endColumn: 0, code: 'invalid-environment-file' });
  } catch (err) {
    diagnostics.push({ severity: 'error', message: `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, line: 0, startColumn: 0, endColumn: 0, code: 'invalid-environment-file' });
  }
  return {};
}

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function isSection(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parseDotenv(text: string): Record<string, string> {
  return parseDotenvText(text);
}

/** Every environment name found in the sources (sections starting with `$` such as `$shared` are not environments). */
export function listEnvironments(src: EnvironmentSources): { names: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  for (const f of [parseJson(src.jetbrainsPublic, 'http-client.env.json', diagnostics), parseJson(src.jetbrainsPrivate, 'http-client.private.env.json', diagnostics), src.restClient ?? {}]) {
    for (const [k, v] of Object.entries(f)) if (!k.startsWith('$') && isSection(v)) names.add(k);
  }
  return { names: [...names].sort(), diagnostics };
}

/**
 * The variables of environment `name` (undefined: only shared sections). Later layers win:
 * REST Client `$shared` < REST Client env < JetBrains `$shared` < JetBrains public env < JetBrains private env.
 */
export function resolveEnvironment(src: EnvironmentSources, name: string | undefined): { environment: ResolvedEnvironment; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const variables = new Map<string, EnvironmentValue>();
  const layer = (section: unknown, label: string) => {
    if (!isSection(section)) return;
    for (const [k, v] of Object.entries(section)) variables.set(k, { value: asString(v), source: { kind: 'environment', environment: label } });
  };
  const rc = src.restClient ?? {};
  const pub = parseJson(src.jetbrainsPublic, 'http-client.env.json', diagnostics);
  const priv = parseJson(src.jetbrainsPrivate, 'http-client.private.env.json', diagnostics);
  layer(rc.$shared, '$shared');
  if (name) layer(rc[name], name);
  layer(pub.$shared, '$shared');
  layer(priv.$shared, '$shared');
  if (name) {
    layer(pub[name], name);
    layer(priv[name], name);
    if (!(name in rc) && !(name in pub) && !(name in priv)) {
      diagnostics.push({ severity: 'warning', message: `No environment named '${name}'`, line: 0, startColumn: 0, endColumn: 0, code: 'unknown-environment' });
    }
  }
  const dotenv = src.dotenv ? parseDotenv(src.dotenv) : {};
  return { environment: { name, variables, dotenv }, diagnostics };
}
