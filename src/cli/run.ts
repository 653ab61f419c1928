import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseHttp } from '../core/http/parse';
import { createJsonReporter } from '../core/http/report/json';
import { createJUnitReporter } from '../core/http/report/junit';
import type { RunReporter } from '../core/http/report/reporter';
import { createSpecReporter } from '../core/http/report/spec';
import { findEnvironmentSources, type FoundSources } from '../core/http/run/environmentFiles';
import { expandFileArgs } from '../core/http/run/fileGlob';
import { createResolver } from '../core/http/run/resolverAdapter';
import { countResults, type FileResult } from '../core/http/run/results';
import { HttpFileRunner, RequestNotFoundError } from '../core/http/run/runner';
import { GlobalStore } from '../core/http/scripts/globalStore';
import { HttpSender } from '../core/http/send';
import { listEnvironments, resolveEnvironment, type ResolvedEnvironment } from '../core/http/variables';
import { stderrLogger, UsageError, type CliCommand, type CliIo } from './io';
import { lastValue, numberFlag, parseFlags } from './flags';

const USAGE = `Usage: apihook run <files|globs...> [options]

Runs the requests of .http/.rest files in order: pre-request scripts, variables, the request, response
handlers, ?? assertions and >> saves. Exit code 0 when everything passed, 1 when a request, assertion or
test failed, 2 for usage or parse errors.

Options:
  --env NAME            environment from http-client.env.json (+ .private.env.json) next to the files
  --var k=v             set a variable (repeatable; wins over file variables and the environment)
  --name REQUEST        run only this request (by @name or ### title) and what it refers to
  --bail                stop a file at its first failed request
  --timeout MS          per-request timeout (default none)
  --reporter R          spec (default), json or junit
  --output FILE         write the json/junit report to FILE (progress still shows on stdout)
  --allow-scripts       run JavaScript (> {% %}, < {% %}, ?? js); without it they are skipped with a note
  --insecure            do not verify TLS certificates
`;

export interface RunArgs {
  patterns: string[];
  env?: string;
  vars: Record<string, string>;
  name?: string;
  bail: boolean;
  timeout?: number;
  reporter: 'spec' | 'json' | 'junit';
  output?: string;
  allowScripts: boolean;
  insecure: boolean;
}

export function parseRunArgs(args: readonly string[]): RunArgs {
  const parsed = parseFlags(args, ['env', 'name', 'output', 'var', 'timeout', 'reporter'], ['bail', 'allow-scripts', 'insecure']);
  const { values, flags } = parsed;
  const out: RunArgs = {
    patterns: parsed.positional, vars: {}, bail: flags.has('bail'), reporter: 'spec', allowScripts: flags.has('allow-scripts'), insecure: flags.has('insecure'),
  };
  const env = lastValue(parsed, 'env');
  const name = lastValue(parsed, 'name');
  const output = lastValue(parsed, 'output');
  if (env !== undefined) out.env = env;
  if (name !== undefined) out.name = name;
  if (output !== undefined) out.output = output;
  for (const kv of values.get('var') ?? []) {
    const at = kv.indexOf('=');
    if (at <= 0) throw new UsageError(`--var needs name=value, got '${kv}'`);
    out.vars[kv.slice(0, at)] = kv.slice(at + 1);
  }
  const timeout = numberFlag(values, 'timeout', undefined, 'milliseconds');
  if (timeout !== undefined) out.timeout = timeout;
  const reporter = lastValue(parsed, 'reporter');
  if (reporter !== undefined) {
    if (reporter !== 'spec' && reporter !== 'json' && reporter !== 'junit') throw new UsageError(`--reporter must be spec, json or junit, not '${reporter}'`);
    out.reporter = reporter;
  }
  if (!out.patterns.length) throw new UsageError('give at least one .http file or glob');
  if (out.output !== undefined && out.reporter === 'spec') throw new UsageError('--output needs --reporter json or junit');
  return out;
}

function chooseReporter(args: RunArgs, io: CliIo, toStdout: boolean): { final: RunReporter; progress?: RunReporter } {
  const cwd = process.cwd();
  const displayPath = (f: string) => path.relative(cwd, f) || f;
  const spec = () => createSpecReporter({
    displayPath, write: (s) => io.stdout.write(s), isTTY: Boolean(io.stdout.isTTY), color: Boolean(io.stdout.isTTY) && !process.env.NO_COLOR,
  });
  if (args.reporter === 'spec') return { final: spec() };
  const final = args.reporter === 'json' ? createJsonReporter({ displayPath }) : createJUnitReporter({ displayPath });
  return toStdout ? { final } : { final, progress: spec() };
}

/** The selected environment per .http file folder; a usage error when `name` is in none of the env files. */
function environmentsFor(files: readonly string[], cwd: string, name: string | undefined): (file: string) => ResolvedEnvironment | undefined {
  const byDir = new Map<string, FoundSources>();
  for (const f of files) {
    const dir = path.dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, findEnvironmentSources(dir, cwd));
  }
  const known = new Set<string>();
  for (const found of byDir.values()) {
    const listed = listEnvironments(found.sources);
    const bad = listed.diagnostics.find((d) => d.severity === 'error');
    if (bad) throw new UsageError(`${bad.message} (${found.files.map((f) => path.relative(cwd, f)).join(', ')})`);
    for (const n of listed.names) known.add(n);
  }
  if (name !== undefined && !known.has(name)) {
    const envFiles = [...new Set([...byDir.values()].flatMap((f) => f.files).filter((f) => f.endsWith('.json')))];
    throw new UsageError(envFiles.length
      ? `no environment '${name}' in ${envFiles.map((f) => path.relative(cwd, f)).join(', ')} (known: ${[...known].join(', ') || 'none'})`
      : `--env ${name}: no http-client.env.json next to the files or above them`);
  }
  const resolved = new Map<string, ResolvedEnvironment>();
  return (file) => {
    const dir = path.dirname(file);
    let env = resolved.get(dir);
    if (!env) {
      env = resolveEnvironment((byDir.get(dir) ?? findEnvironmentSources(dir, cwd)).sources, name).environment;
      resolved.set(dir, env);
    }
    return env;
  };
}

async function runFiles(args: RunArgs, io: CliIo): Promise<number> {
  const cwd = process.cwd();
  const { files, unmatched } = expandFileArgs(args.patterns, cwd);
  if (unmatched.length) throw new UsageError(`no file matches ${unmatched.map((u) => `'${u}'`).join(', ')}`);
  const environmentFor = environmentsFor(files, cwd, args.env);
  const sender = new HttpSender({ rejectUnauthorized: !args.insecure, env: process.env, timeout: args.timeout });
  const runner = new HttpFileRunner({
    host: {
      readFile: (f) => readFile(f),
      writeFile: async (f, d) => { await mkdir(path.dirname(f), { recursive: true }); await writeFile(f, d); },
      exists: async (f) => existsSync(f),
      now: () => performance.now(),
      allowScripts: args.allowScripts,
      logger: stderrLogger(io),
    },
    resolver: createResolver({ environmentFor, variables: args.vars }),
    sender,
    globals: new GlobalStore(),
  });
  const { final, progress } = chooseReporter(args, io, args.output === undefined);
  runner.onEvent((e) => { progress?.onEvent(e); final.onEvent(e); });
  const results: FileResult[] = [];
  let usage: string | undefined;
  try {
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      try {
        results.push(await runner.runDocument(parseHttp(text), file, text, { name: args.name, bail: args.bail, timeout: args.timeout }));
      } catch (err) {
        if (!(err instanceof RequestNotFoundError)) throw err;
        if (files.length === 1) usage = err.message;
      }
    }
  } finally {
    runner.dispose();
    sender.dispose();
  }
  if (usage || (args.name !== undefined && results.length === 0)) throw new UsageError(usage ?? `no request named '${args.name}' in the given files`);
  const counts = countResults(results);
  const report = final.end(results, counts);
  if (args.output !== undefined) {
    const target = path.resolve(cwd, args.output);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, report);
    if (progress) io.stdout.write(progress.end(results, counts));
    io.stdout.write(`${args.reporter} report written to ${path.relative(cwd, target) || target}\n`);
  } else {
    io.stdout.write(report);
  }
  if (results.some((r) => r.errors.length)) return 2;
  return counts.failed ? 1 : 0;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run the requests of .http files with their assertions and scripts (CI: exit codes, JUnit)',
  usage: USAGE,
  run: (args, io) => runFiles(parseRunArgs(args), io),
};
