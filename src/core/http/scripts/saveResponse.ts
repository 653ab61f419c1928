import * as path from 'node:path';
import type { ResponseRedirect } from '../model';

/** The file operations saving a response needs; the runner passes the host's. */
export interface SaveFileSystem {
  exists(file: string): Promise<boolean>;
  writeFile(file: string, data: Buffer): Promise<void>;
}

/**
 * Saves a response body for `>> file` / `>>! file`. `>>!` overwrites; `>>` keeps an existing file and
 * writes `name-1.ext`, `name-2.ext`, … instead (as httpYac and the JetBrains client do).
 * A relative path is taken from the .http file's folder. Returns the path written.
 */
export async function saveResponseBody(redirect: ResponseRedirect, body: Buffer, baseDir: string, fs: SaveFileSystem): Promise<string> {
  const target = path.resolve(baseDir, redirect.path);
  if (redirect.overwrite || !(await fs.exists(target))) {
    await fs.writeFile(target, body);
    return target;
  }
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!(await fs.exists(candidate))) {
      await fs.writeFile(candidate, body);
      return candidate;
    }
  }
  throw new Error(`could not find a free file name for ${target}`);
}
