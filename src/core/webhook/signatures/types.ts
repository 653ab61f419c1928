/** Providers whose webhook signatures the listener can check. */
export const PROVIDERS = ['github', 'stripe', 'slack', 'standard', 'shopify', 'twilio', 'discord'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export function isProviderId(s: string): s is ProviderId {
  return (PROVIDERS as readonly string[]).includes(s);
}

/**
 * The outcome of checking one capture: `valid` true/false, or null when no secret (or public key)
 * is configured for the provider, so nothing could be checked. `reason` says why it is not valid.
 */
export interface SignatureResult {
  provider: ProviderId;
  valid: boolean | null;
  reason?: string;
}

/** What a verifier needs from a captured request. */
export interface SignedRequest {
  method: string;
  /** path and query as received */
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface VerifyOptions {
  /** seconds since epoch; injectable for tests */
  nowSeconds?: () => number;
  /** tolerance for timestamped schemes (Stripe, Slack, Standard Webhooks), seconds; default 300 */
  toleranceSeconds?: number;
  /** Twilio signs the public URL it called, e.g. `https://abc.ngrok.app`; path and query come from the request */
  publicBaseUrl?: string;
}

export type Verifier = (req: SignedRequest, secret: string, opts: VerifyOptions) => SignatureResult;

/** Where secrets come from: the editor backs it with SecretStorage, the CLI with `--verify` flags. */
export interface SecretSource {
  /** the secret for a named endpoint (e.g. 'github-main') or, failing that, for a provider id */
  getSecret(endpointNameOrProvider: string): Promise<string | undefined>;
}
