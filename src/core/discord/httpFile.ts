import type { OutgoingMessage, WebhookFile } from './types';

/**
 * Writes a message as a `.http` request (REST Client / httpYac / JetBrains syntax) so users see the
 * raw HTTP of a Discord webhook call. The URL stays a variable: a webhook URL is a secret and never
 * belongs in a file that may be committed. Files go as `< ./name` references; the caller writes them
 * next to the `.http` file.
 */

export interface HttpFileOptions {
  title: string;
  /** default `{{discordWebhookUrl}}` */
  urlExpression?: string;
  wait?: boolean;
  boundary?: string;
}

export function messageToHttpRequest(message: OutgoingMessage, options: HttpFileOptions): { text: string; files: WebhookFile[] } {
  const url = options.urlExpression ?? '{{discordWebhookUrl}}';
  const q: string[] = [];
  if (options.wait) q.push('wait=true');
  if (message.threadId) q.push(`thread_id=${message.threadId}`);
  const lines = [
    `### ${options.title.replace(/\r?\n/g, ' ')}`,
    '# discordWebhookUrl is a secret: define it in an environment (http-client.private.env.json, .env), not here.',
    `POST ${url}${q.length ? `?${q.join('&')}` : ''}`,
  ];
  const json = JSON.stringify(message.payload, null, 2);
  const files = message.files ?? [];
  if (!files.length) {
    lines.push('Content-Type: application/json', '', json, '');
    return { text: lines.join('\n'), files: [] };
  }
  const b = options.boundary ?? 'ApiHookBoundary';
  lines.push(`Content-Type: multipart/form-data; boundary=${b}`, '');
  lines.push(`--${b}`, 'Content-Disposition: form-data; name="payload_json"', 'Content-Type: application/json', '', json);
  files.forEach((f, i) => {
    lines.push(`--${b}`, `Content-Disposition: form-data; name="files[${i}]"; filename="${f.name.replace(/"/g, '')}"`, `Content-Type: ${f.contentType}`, '', `< ./${f.name}`);
  });
  lines.push(`--${b}--`, '');
  return { text: lines.join('\n'), files };
}
