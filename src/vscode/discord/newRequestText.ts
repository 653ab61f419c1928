import type { DiscordSample } from '../../core/discord/samples';
import type { OutgoingMessage } from '../../core/discord/types';

/**
 * The `.http` text of a Discord sample: `POST {{discordWebhookUrl}}?wait=true` with the sample's JSON,
 * or a multipart body with `payload_json` and `files[n]` for uploads, so users see the raw HTTP.
 * The webhook URL is a variable: it is a secret and belongs in an environment file, not here.
 */
export function discordRequestText(sample: DiscordSample, message: OutgoingMessage, listenerUrl: string): string {
  const query = ['wait=true', ...(message.threadId ? [`thread_id=${message.threadId}`] : [])].join('&');
  const head = [
    `# Discord sample: ${sample.title}`,
    `# ${sample.description}`,
    '# discordWebhookUrl points at the local listener (Discord emulator). For a real channel, set it in',
    '# http-client.private.env.json or .env instead: the URL holds the webhook token, keep it out of git.',
    `@discordWebhookUrl = ${listenerUrl}`,
    '',
    `### ${sample.title}`,
    `POST {{discordWebhookUrl}}?${query}`,
  ];
  const json = JSON.stringify(message.payload, null, 2);
  if (!message.files?.length) return [...head, 'Content-Type: application/json', '', json, ''].join('\n');
  const boundary = 'ApiHookDiscordBoundary';
  const parts = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="payload_json"',
    'Content-Type: application/json',
    '',
    json,
    ...message.files.flatMap((f, i) => [
      `--${boundary}`,
      `Content-Disposition: form-data; name="files[${i}]"; filename="${f.name}"`,
      `Content-Type: ${f.contentType}`,
      '',
      `< ./${f.name}`,
    ]),
    `--${boundary}--`,
  ];
  return [...head, `Content-Type: multipart/form-data; boundary=${boundary}`, '', ...parts, ''].join('\n');
}
