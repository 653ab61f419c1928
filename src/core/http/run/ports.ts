import type { Logger } from '../../common/logger';
import type { HttpDocument, HttpResponse, OutgoingRequest, RequestBlock } from '../model';
import type { GlobalVariables } from '../scripts/globalStore';

/** Files, clock and trust for the runner; the editor and the CLI each pass their own. */
export interface RunnerHost {
  readFile(file: string): Promise<Buffer>;
  /** writes a file, creating its folder */
  writeFile(file: string, data: Buffer): Promise<void>;
  exists(file: string): Promise<boolean>;
  /** ms clock for durations */
  now(): number;
  /** scripts (`> {% %}`, `< {% %}`, `?? js`) run only when true: workspace trust / --allow-scripts */
  allowScripts: boolean;
  logger: Logger;
}

/** A request that has run, for `{{name.response.…}}` / `{{name.request.…}}` references. */
export interface NamedExchange {
  request: OutgoingRequest;
  response: HttpResponse;
  /** body bytes (read from disk when the sender streamed it there) */
  body: Buffer;
}

export interface ResolveInput {
  document: HttpDocument;
  block: RequestBlock;
  /** absolute path of the .http file (for `< ./file` bodies and relative paths) */
  filePath: string;
  /** set by pre-request scripts (`request.variables.set`); highest precedence */
  requestVariables: ReadonlyMap<string, string>;
  /** `client.global` values */
  globals: GlobalVariables;
  /** named requests that have run in this run, by name */
  responses: ReadonlyMap<string, NamedExchange>;
}

/** Turns a parsed request into one ready to send (all {{variables}} substituted). Throws with a readable message. */
export interface RequestResolver {
  resolve(input: ResolveInput): Promise<OutgoingRequest>;
  /**
   * Substitutes {{variables}} in other text of the request (the expected values of `??` assertions);
   * leaves what it cannot resolve as written.
   */
  substitute(text: string, input: ResolveInput): Promise<string>;
  /** a variable of the selected environment, for `request.environment.get` */
  environmentValue(name: string, filePath: string): string | undefined;
}

export interface RunSendOptions {
  timeout?: number;
  followRedirects?: boolean;
  noCookieJar?: boolean;
  signal?: AbortSignal;
}

/** Sends one request. Throws with a readable message when no response arrived. */
export interface RequestSender {
  send(request: OutgoingRequest, options: RunSendOptions): Promise<HttpResponse>;
}
