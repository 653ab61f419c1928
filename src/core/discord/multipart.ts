import type { OutgoingMessage, WebhookFile, WebhookPayload } from './types';

/**
 * The two body forms of Execute Webhook (reference "Uploading Files"): plain JSON, or multipart/form-data
 * with the JSON in `payload_json` and each file in `files[n]`. Building uses the platform's FormData; parsing
 * uses the platform's Response#formData(), so neither side hand-rolls boundaries.
 */

/** The body to send: JSON text, or FormData when files go along. */
export function encodeMessage(message: OutgoingMessage): { body: string; contentType: string } | { body: FormData; contentType?: undefined } {
  const files = message.files ?? [];
  if (!files.length) return { body: JSON.stringify(message.payload), contentType: 'application/json' };
  const form = new FormData();
  form.append('payload_json', JSON.stringify(message.payload));
  files.forEach((f, i) => {
    form.append(`files[${i}]`, new Blob([new Uint8Array(f.data)], { type: f.contentType }), f.name);
  });
  return { body: form };
}

export type ParsedBody =
  | { ok: true; payload: WebhookPayload; files: WebhookFile[] }
  | { ok: false; error: 'invalid-json' | 'invalid-form'; detail: string };

/** Reads a request body the way Discord does: JSON, multipart (payload_json + files[n]) or url-encoded form. */
export async function parseWebhookBody(contentType: string | undefined, body: Buffer): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType ?? '' } }).formData();
    } catch (err) {
      return { ok: false, error: 'invalid-form', detail: err instanceof Error ? err.message : String(err) };
    }
    let payload: WebhookPayload = {};
    const files: WebhookFile[] = [];
    for (const [name, value] of form as unknown as Iterable<[string, string | File]>) {
      if (typeof value !== 'string') {
        if (/^files?(\[\d+\])?$/.test(name) || name.startsWith('file')) {
          files.push({ name: value.name || name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
        }
      } else if (name === 'payload_json') {
        try { payload = { ...payload, ...(JSON.parse(value) as WebhookPayload) }; } catch (err) {
          return { ok: false, error: 'invalid-json', detail: err instanceof Error ? err.message : String(err) };
        }
      } else {
        payload[name] = name === 'tts' ? value === 'true' : value;
      }
    }
    return { ok: true, payload, files };
  }
  const text = body.toString('utf8');
  if (!text.trim()) return { ok: true, payload: {}, files: [] };
  try {
    return { ok: true, payload: JSON.parse(text) as WebhookPayload, files: [] };
  } catch (err) {
    return { ok: false, error: 'invalid-json', detail: err instanceof Error ? err.message : String(err) };
  }
}
