import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nullLogger } from '../../../../src/core/common/logger';
import { parseHttp } from '../../../../src/core/http/parse';
import type { RequestResolver } from '../../../../src/core/http/run/ports';
import type { FileResult, RunEvent } from '../../../../src/core/http/run/results';
import { HttpFileRunner, type RunOptions } from '../../../../src/core/http/run/runner';
import { GlobalStore } from '../../../../src/core/http/scripts/globalStore';
import { HttpSender } from '../../../../src/core/http/send';
import { createResolver } from '../../../../src/core/http/run/resolverAdapter';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'apihook-run-'));
}

export interface Harness {
  run(text: string, options?: RunOptions): Promise<FileResult>;
  events: RunEvent[];
  globals: GlobalStore;
  dir: string;
  logs: string[];
  dispose(): void;
}

/** A runner with the real parser, resolver and sender, host services on a temp folder. */
export function harness(opts: { allowScripts?: boolean; dir?: string; env?: Record<string, string>; resolver?: RequestResolver; vars?: Record<string, string> } = {}): Harness {
  const dir = opts.dir ?? tempDir();
  const globals = new GlobalStore();
  const sender = new HttpSender();
  const logs: string[] = [];
  const environment = opts.env && {
    name: 'test', dotenv: {},
    variables: new Map(Object.entries(opts.env).map(([k, value]) => [k, { value, source: { kind: 'environment' as const, environment: 'test' } }])),
  };
  const resolver = opts.resolver ?? createResolver({ environmentFor: () => environment, variables: opts.vars ?? {} });
  const runner = new HttpFileRunner({
    host: {
      readFile: (f) => readFile(f),
      writeFile: async (f, d) => { await mkdir(dirname(f), { recursive: true }); await writeFile(f, d); },
      exists: async (f) => existsSync(f),
      now: () => Date.now(),
      allowScripts: opts.allowScripts ?? true,
      logger: { ...nullLogger, info: (m: string) => { logs.push(m); } },
    },
    resolver,
    sender,
    globals,
  });
  const events: RunEvent[] = [];
  runner.onEvent((e) => events.push(e));
  let n = 0;
  return {
    events, globals, dir, logs,
    run: (text, options) => {
      const file = join(dir, `t${++n}.http`);
      writeFileSync(file, text);
      return runner.runDocument(parseHttp(text), file, text, options);
    },
    dispose: () => { runner.dispose(); sender.dispose(); },
  };
}
