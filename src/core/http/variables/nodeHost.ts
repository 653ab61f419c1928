/** A `VariableHost` for plain Node (the CLI and tests): files relative to the .http file, the real clock and env. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { HttpResponse } from '../model';
import type { VariableHost } from './host';

export interface NodeHostOptions {
  /** folder of the .http file; relative paths are read from here */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
  getResponse?(name: string): HttpResponse | undefined;
  runDependency?(name: string): Promise<HttpResponse | undefined>;
}

export function createNodeVariableHost(opts: NodeHostOptions): VariableHost {
  const env = opts.env ?? process.env;
  const resolvePath = (p: string) => (isAbsolute(p) ? p : resolve(opts.baseDir, p));
  return {
    readFile: (p) => readFile(resolvePath(p)),
    resolvePath,
    processEnv: (n) => env[n],
    now: () => new Date(),
    random: () => Math.random(),
    uuid: () => randomUUID(),
    getResponse: (n) => opts.getResponse?.(n),
    runDependency: opts.runDependency,
  };
}
