import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const GLOB_CHARS = /[*?[{]/;

export function hasGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** A regular expression for a glob over '/'-separated paths: `**` any folders, `*` and `?` within one name, `{a,b}`, `[abc]`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) { re += '\\['; continue; }
      re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Expands file arguments: a plain path is kept as it is (resolved from `cwd`); a glob is matched against
 * the files under its fixed leading folders (skipping node_modules and dot-folders unless named).
 * Results are absolute, sorted per pattern, without duplicates.
 */
export function expandFileArgs(patterns: readonly string[], cwd: string): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.split(path.sep).join('/');
    if (!hasGlob(pattern)) {
      const abs = path.resolve(cwd, raw);
      if (existsSync(abs) && statSync(abs).isFile()) files.push(abs); else unmatched.push(raw);
      continue;
    }
    const segments = pattern.split('/');
    const fixed: string[] = [];
    while (segments.length > 1 && !hasGlob(segments[0]!)) fixed.push(segments.shift()!);
    const baseDir = path.resolve(cwd, fixed.join('/') || '.');
    const rest = segments.join('/');
    const matcher = globToRegExp(rest);
    const deep = rest.includes('**') || rest.includes('/');
    const allowHidden = /(^|\/)(\.|node_modules)/.test(rest);
    let entries: string[] = [];
    try {
      entries = (readdirSync(baseDir, { recursive: deep }) as string[]).map((e) => e.split(path.sep).join('/'));
    } catch {
      entries = [];
    }
    const found = entries
      .filter((e) => allowHidden || !/(^|\/)(\.[^/]|node_modules\/)/.test(`${e}`))
      .filter((e) => matcher.test(e))
      .map((e) => path.join(baseDir, e))
      .filter((f) => statSync(f).isFile())
      .sort();
    if (!found.length) unmatched.push(raw);
    files.push(...found);
  }
  return { files: [...new Set(files)], unmatched };
}
