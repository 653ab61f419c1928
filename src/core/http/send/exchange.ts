import { performance } from 'node:perf_hooks';
import type { Dispatcher } from '../undici';
import type { SocketSeen, SocketWatcher } from './connection-timing';
import type { PreparedBody } from './request-body';
import { ResponseSink, type ResponseBody } from './response-sink';

/** One request/response on the wire, without redirects or auth retries. */
export interface HopInput {
  dispatcher: Dispatcher;
  watcher: SocketWatcher;
  url: URL;
  method: string;
  /** flat [name, value, name, value …] in order */
  headers: string[];
  body: PreparedBody;
  /** returns true when this response's body is not wanted (a redirect that will be followed) */
  discard: (status: number, headers: Array<[string, string]>) => boolean;
  sink: { maxInMemory: number; binaryToDisk: boolean; tempDir: string };
  /** settles the hop with this error at once (cancel, timeout) */
  stop: Stopper;
}

export interface HopResult {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: ResponseBody | undefined;
  start: number;
  socket: SocketSeen;
  firstByte: number;
  end: number;
}

/** Lets a caller end whatever hop is running: cancellation and the overall timeout. */
export class Stopper {
  reason: Error | undefined;
  private current: ((err: Error) => void) | undefined;

  stop(err: Error): void {
    if (this.reason) return;
    this.reason = err;
    this.current?.(err);
  }

  onStop(fn: ((err: Error) => void) | undefined): void {
    this.current = fn;
  }
}

function text(b: Buffer | string): string {
  return typeof b === 'string' ? b : b.toString('latin1');
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  for (const [n, v] of headers) if (n.length === name.length && n.toLowerCase() === name) return v;
  return undefined;
}

export function runHop(input: HopInput): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const start = performance.now();
    const seen: SocketSeen = {};
    const path = input.url.pathname + input.url.search;
    let abort: ((err: Error) => void) | undefined;
    let settled = false;
    let sink: ResponseSink | undefined;
    let status = 0;
    let statusText = '';
    let headers: Array<[string, string]> = [];
    let firstByte = 0;
    let resumeFn: (() => void) | undefined;

    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      input.stop.onStop(undefined);
      sink?.destroy();
      reject(err);
    };
    input.stop.onStop((err) => { abort?.(err); fail(err); });

    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortFn: (err?: Error) => void) {
        abort = abortFn;
        if (input.stop.reason) { abortFn(input.stop.reason); return; }
        input.watcher.expect(input.method, path, seen);
      },
      onResponseStarted() {
        if (!firstByte) firstByte = performance.now();
      },
      onHeaders(statusCode: number, raw: Buffer[] | string[] | null, resume: () => void, message: string) {
        if (statusCode < 200) return true;
        if (!firstByte) firstByte = performance.now();
        status = statusCode;
        statusText = message;
        resumeFn = resume;
        headers = [];
        if (raw) for (let i = 0; i + 1 < raw.length; i += 2) headers.push([text(raw[i]), text(raw[i + 1])]);
        if (input.method === 'HEAD' || input.discard(statusCode, headers)) return true;
        const length = headerValue(headers, 'content-length');
        sink = new ResponseSink({
          contentEncoding: headerValue(headers, 'content-encoding'),
          contentType: headerValue(headers, 'content-type'),
          contentLength: length === undefined ? undefined : Number(length),
          ...input.sink,
          onDrain: () => resumeFn?.(),
          onError: (err) => { abort?.(err); fail(err); },
        });
        return true;
      },
      onData(chunk: Buffer) {
        return sink ? sink.write(chunk) : true;
      },
      onComplete() {
        if (settled) return;
        const finish = (body: ResponseBody | undefined): void => {
          if (settled) return;
          settled = true;
          input.stop.onStop(undefined);
          resolve({ status, statusText, headers, body, start, socket: seen, firstByte: firstByte || performance.now(), end: performance.now() });
        };
        if (!sink) { finish(undefined); return; }
        sink.end().then(finish, fail);
      },
      onError(err: Error) {
        fail(err);
      },
    };
    try {
      input.dispatcher.dispatch({
        origin: input.url.origin,
        path,
        method: input.method as Dispatcher.HttpMethod,
        headers: input.headers,
        body: input.body.body ?? null,
      }, handler);
    } catch (err) {
      fail(err as Error);
    }
  });
}
