/** Discord webhooks: samples, validation, URLs, sending with rate limits, and the local emulator. */
export * from './types';
export * from './errors';
export * from './validate';
export * from './samples';
export * from './url';
export * from './send';
export * from './ratelimit';
export * from './emulator';
export * from './httpFile';
export { encodeMessage, parseWebhookBody } from './multipart';
export { makePng } from './png';
