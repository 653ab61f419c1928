// Shared by the webhook integration tests: the feature's test API as seen from the test, and a
// few helpers for sending signed requests to the listener.
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { extension, waitFor } from './host';

// The feature's own declarations (type-only imports: nothing of src is bundled into the tests).
import type { CapturesPanelState as PanelState } from '../../src/shared/protocol/captures';
import type { WebhookTestApi } from '../../src/vscode/webhook/feature';

export type { PanelState, WebhookTestApi };

export const GITHUB_SECRET = 'it-github-secret';
export const STRIPE_SECRET = 'whsec_it_stripe_secret';
export const XSS_IMG = '<img src=x onerror="__apihookInjected()">';
export const XSS_SCRIPT = '</script><script>__apihookInjected()</script>';

export function api(): WebhookTestApi {
  return (extension().exports as unknown as { testing: { webhook: WebhookTestApi } }).testing.webhook;
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await request(url, { method: 'POST', headers, body });
  return { status: res.statusCode, text: await res.body.text() };
}

export function githubHeaders(body: string, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/abc1234',
    'x-github-event': 'push',
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  };
}

export async function captureFor(predicate: (c: ReturnType<WebhookTestApi['captures']>[number]) => boolean, what: string): Promise<ReturnType<WebhookTestApi['captures']>[number]> {
  return waitFor(what, () => api().captures().find(predicate));
}
