import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The environments defined in JetBrains-style env files, merged (`$shared` first, private files win). */
export interface EnvironmentSet {
  names: string[];
  /** the variables of `name` (with `$shared`), or undefined when no file defines it */
  variables(name: string): Record<string, string> | undefined;
  /** files read */
  files: string[];
}

const FILES = ['http-client.env.json', 'http-client.private.env.json'];

function flatten(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  }
  return out;
}

/**
 * Reads `http-client.env.json` and `http-client.private.env.json` from each of `folders` (earlier folders
 * win; within a folder the private file wins). Throws with the file name when one is not valid JSON.
 */
export function loadEnvironmentFiles(folders: readonly string[]): EnvironmentSet {
  const layers: Array<Record<string, Record<string, string>>> = [];
  const files: string[] = [];
  for (const folder of [...new Set(folders)].reverse()) {
    for (const name of FILES) {
      const file = path.join(folder, name);
      if (!existsSync(file)) continue;
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (err) {
        throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
      }
      files.push(file);
      const layer: Record<string, Record<string, string>> = {};
      for (const [env, vars] of Object.entries((data ?? {}) as Record<string, unknown>)) layer[env] = flatten(vars);
      layers.push(layer);
    }
  }
  const merged: Record<string, Record<string, string>> = {};
  for (const layer of layers) for (const [env, vars] of Object.entries(layer)) merged[env] = { ...merged[env], ...vars };
  return {
    names: Object.keys(merged).filter((n) => n !== '$shared'),
    files,
    variables: (name) => (name in merged && name !== '$shared' ? { ...merged.$shared, ...merged[name] } : undefined),
  };
}
