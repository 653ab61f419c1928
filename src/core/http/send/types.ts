import type { Logger } from '../../common/logger';

/** Client certificate for one host, as in REST Client's `rest-client.certificates` (file contents, not paths). */
export interface ClientCertificate {
  cert?: string | Buffer;
  key?: string | Buffer;
  pfx?: string | Buffer;
  passphrase?: string;
}

/** Settings fixed for the life of a sender (one connection pool, one cookie jar). */
export interface SenderOptions {
  /** verify server certificates (setting `apihook.request.rejectUnauthorized`); default true */
  rejectUnauthorized?: boolean;
  /** client certificates by `host:port` or `host` */
  certificates?: Record<string, ClientCertificate>;
  /** proxy URL (VS Code's `http.proxy`); when absent HTTPS_PROXY / HTTP_PROXY from `env` are used */
  proxy?: string;
  /** verify the proxy's own certificate for https proxies (VS Code's `http.proxyStrictSSL`); default rejectUnauthorized */
  proxyStrictSSL?: boolean;
  /** hosts that bypass the proxy, comma separated (`NO_PROXY` syntax); default from `env` */
  noProxy?: string;
  /** environment to read HTTP(S)_PROXY / NO_PROXY from; pass `process.env` to honour it. Default: none */
  env?: Record<string, string | undefined>;
  /** bodies larger than this (decoded bytes) go to a temp file; default 5 MB */
  maxInMemoryBody?: number;
  /** write binary bodies (octet-stream, archives, audio, video, fonts, pdf) to a temp file; default true */
  binaryToDisk?: boolean;
  /** folder for body files; default os.tmpdir() */
  tempDir?: string;
  /** redirects followed before giving up; default 10 */
  maxRedirects?: number;
  /** default per-request timeout in ms (0 = none); default 0 */
  timeout?: number;
  /** clock for AWS signatures and digest nonces; default () => new Date() */
  now?: () => Date;
  logger?: Logger;
}

/** Settings for one send, usually from the request's directives. */
export interface SendOptions {
  /** ms for the whole exchange including redirects (0 = none); `# @timeout` or `apihook.request.timeout` */
  timeout?: number;
  /** `# @no-redirect` sets this to false */
  followRedirects?: boolean;
  /** `# @no-cookie-jar` sets this to true */
  noCookieJar?: boolean;
  signal?: AbortSignal;
}
