import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentSources } from '../variables';

/** The nearest file called `name` in `dir` or a parent folder, stopping at `stopAt` when `dir` is inside it. */
function nearest(dir: string, stopAt: string, name: string): string | undefined {
  const inside = !path.relative(stopAt, dir).startsWith('..');
  let current = dir;
  for (;;) {
    const file = path.join(current, name);
    if (existsSync(file)) return file;
    const parent = path.dirname(current);
    if (parent === current || (inside && current === stopAt)) return undefined;
    current = parent;
  }
}

export interface FoundSources {
  sources: EnvironmentSources;
  files: string[];
}

/**
 * The environment files for .http files in `dir`: the nearest http-client.env.json,
 * http-client.private.env.json and .env, looking up from `dir` to `stopAt` (the working folder).
 */
export function findEnvironmentSources(dir: string, stopAt: string): FoundSources {
  const files: string[] = [];
  const read = (name: string): string | undefined => {
    const file = nearest(dir, stopAt, name);
    if (!file) return undefined;
    files.push(file);
    return readFileSync(file, 'utf8');
  };
  return { sources: { jetbrainsPublic: read('http-client.env.json'), jetbrainsPrivate: read('http-client.private.env.json'), dotenv: read('.env') }, files };
}
