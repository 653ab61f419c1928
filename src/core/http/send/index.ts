/** The HTTP sender: resolved `OutgoingRequest` in, `HttpResponse` out (undici underneath). */
export { HttpSender } from './sender';
export type { SenderOptions, SendOptions, ClientCertificate } from './types';
export { maskSecrets, maskUrl, maskHeaders, isSecretHeader } from './mask';
export { encodeBasicAuthorization } from './basic-auth';
export { parseAwsAuthorization, signAwsV4, guessRegionAndService, type AwsCredentials } from './aws-sigv4';
export { digestAuthorization, parseDigestChallenge, parseDigestShorthand } from './digest-auth';
export { isBinaryContentType } from './response-sink';
