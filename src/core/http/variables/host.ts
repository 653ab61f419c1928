/** What the variable resolver needs from the outside world, passed in by the editor, the CLI or a test. */
import type { HttpResponse } from '../model';

export interface VariableHost {
  /** bytes of a file named in the .http file (relative paths are resolved by the host, against the .http file) */
  readFile(path: string): Promise<Buffer>;
  /** absolute path for a file named in the .http file; defaults to the path as written */
  resolvePath?(path: string): string;
  /** a process environment variable */
  processEnv(name: string): string | undefined;
  /** the clock; tests pass a fixed one */
  now(): Date;
  /** a random number in [0, 1); tests pass a seeded one */
  random(): number;
  /** a fresh UUID v4 */
  uuid(): string;
  /** the latest response of the request named `name` in this document, if it was sent */
  getResponse(name: string): HttpResponse | undefined;
  /** sends the named request (a dependency with no response yet) and returns its response */
  runDependency?(name: string): Promise<HttpResponse | undefined>;
  /** asks the person for a `# @prompt` value; undefined when cancelled or not interactive */
  prompt?(name: string, description: string | undefined, secret: boolean): Promise<string | undefined>;
}

/** Where a variable's value came from, for hovers and `apihook parse`. */
export type VariableSource =
  | { kind: 'file'; line: number }
  | { kind: 'environment'; environment: string }
  | { kind: 'dotenv' }
  | { kind: 'system' }
  | { kind: 'process-env' }
  | { kind: 'request'; request: string }
  | { kind: 'prompt' };

export function describeSource(s: VariableSource): string {
  switch (s.kind) {
    case 'file': return `file variable (line ${s.line + 1})`;
    case 'environment': return `environment '${s.environment}'`;
    case 'dotenv': return '.env file';
    case 'system': return 'system variable';
    case 'process-env': return 'process environment';
    case 'request': return `response of request '${s.request}'`;
    case 'prompt': return 'prompt';
  }
}
