import { UserFacingError } from '../../common/errors';

/** Where a failure happened, for the sentence: the target host or the proxy in front of it. */
export interface FailureContext {
  host: string;
  port: string;
  viaProxy?: string;
}

const TIMEOUT_HINT = 'Raise the `apihook.request.timeout` setting, or add `# @timeout <ms>` above the request.';
const TLS_HINT = 'If you trust this server, turn off the `apihook.request.rejectUnauthorized` setting, or add its CA certificate to your system.';

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string' && !e.code.startsWith('UND_ERR_SOCKET')) return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return typeof e?.code === 'string' ? e.code : undefined;
}

export function timeoutError(ms: number, target: string): UserFacingError {
  return new UserFacingError(`The request to ${target} did not finish within ${ms} ms.`, 'timeout', TIMEOUT_HINT);
}

export function cancelledError(): UserFacingError {
  const err = new UserFacingError('The request was cancelled.', 'cancelled');
  err.name = 'AbortError';
  return err;
}

export function tooManyRedirectsError(limit: number, url: string): UserFacingError {
  return new UserFacingError(`Stopped after ${limit} redirects; the last one pointed to ${url}.`, 'too-many-redirects',
    'Check the server for a redirect loop, or add `# @no-redirect` to see the first response.');
}

/** Turns what Node/undici threw into a plain sentence with a stable code. Never quotes headers or bodies. */
export function toUserFacing(err: unknown, ctx: FailureContext): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const code = codeOf(err) ?? '';
  const where = `${ctx.host}:${ctx.port}`;
  const message = err instanceof Error ? err.message : String(err);
  if (ctx.viaProxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || /proxy|tunnel/i.test(message))) {
    return new UserFacingError(`The proxy ${ctx.viaProxy} failed to reach ${where} (${shortReason(code, message)}).`, 'proxy-failure',
      'Check the `http.proxy` setting or the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables.', { cause: err });
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new UserFacingError(`Could not connect to ${where}: nothing is listening there.`, 'connection-refused',
        'Start the server, or check the host and port in the URL (and the selected environment).', { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new UserFacingError(`Could not find the host ${ctx.host}: the name does not resolve (DNS).`, 'dns-failure',
        'Check the spelling of the host in the URL and your network or VPN connection.', { cause: err });
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new UserFacingError(`Connecting to ${where} timed out.`, 'timeout', TIMEOUT_HINT, { cause: err });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new UserFacingError(`${where} stopped answering before the response was complete.`, 'timeout', TIMEOUT_HINT, { cause: err });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new UserFacingError(`${where} closed the connection before the response was complete.`, 'connection-reset',
        'The server may have crashed or refused the request; check its logs.', { cause: err });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new UserFacingError(`The network cannot reach ${where}.`, 'network-unreachable', 'Check your network or VPN connection.', { cause: err });
    case 'ENOENT':
      return new UserFacingError(`A file for the request body was not found: ${(err as { path?: string }).path ?? 'unknown path'}.`,
        'body-file-missing', 'Check the path after `<` in the request; it is relative to the .http file.', { cause: err });
  }
  const tls = tlsSentence(code, where);
  if (tls) return new UserFacingError(tls, 'tls-failure', TLS_HINT, { cause: err });
  if (/certificate|ssl|tls/i.test(message) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return new UserFacingError(`The secure connection to ${where} failed (${code || 'TLS error'}).`, 'tls-failure', TLS_HINT, { cause: err });
  }
  return new UserFacingError(`The request to ${where} failed: ${shortReason(code, message)}.`, 'request-failed', undefined, { cause: err });
}

function tlsSentence(code: string, where: string): string | undefined {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `The certificate of ${where} is self-signed, so it cannot be verified.`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${where} has expired.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate of ${where} is not valid yet.`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `The certificate of ${where} is signed by an authority this machine does not know.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate of ${where} is for a different host name.`;
    default:
      return undefined;
  }
}

function shortReason(code: string, message: string): string {
  const firstLine = message.split('\n')[0].slice(0, 200);
  return code && !firstLine.includes(code) ? `${code}: ${firstLine}` : firstLine;
}
