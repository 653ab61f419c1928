import * as vscode from 'vscode';
import { PROVIDERS } from '../../core/webhook/signatures/types';
import type { SecretSource } from '../../core/webhook';
import type { WebhookRulesConfig } from '../../core/webhook';

const KEY = (name: string): string => `apihook.webhook.secret.${name}`;

const PROVIDER_LABELS: Record<string, string> = {
  github: 'GitHub (X-Hub-Signature-256)',
  stripe: 'Stripe (Stripe-Signature, whsec_…)',
  slack: 'Slack (signing secret, v0)',
  standard: 'Standard Webhooks / Svix (whsec_…)',
  shopify: 'Shopify (X-Shopify-Hmac-Sha256)',
  twilio: 'Twilio (auth token)',
  discord: 'Discord interactions (application public key, hex)',
};

/** Signing secrets per endpoint name or provider id, in SecretStorage only (never settings or logs). */
export class WebhookSecrets implements SecretSource {
  constructor(private readonly storage: vscode.SecretStorage) {}

  getSecret(name: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(KEY(name)));
  }

  async set(name: string, value: string | undefined): Promise<void> {
    if (value) await this.storage.store(KEY(name), value);
    else await this.storage.delete(KEY(name));
  }

  /**
   * "Set Webhook Signing Secret": pick an endpoint or provider (unless given), then a password input
   * (unless `value` is given, e.g. by a test or a task). An empty value removes the secret.
   */
  async prompt(rules: WebhookRulesConfig, target?: string, value?: string): Promise<string | undefined> {
    let name = target;
    if (!name) {
      const items: Array<vscode.QuickPickItem & { name: string }> = [
        ...(rules.endpoints ?? []).map((e) => ({ name: e.name, label: `$(symbol-interface) ${e.name}`, description: `${e.path}${e.provider ? ` · ${e.provider}` : ''}`, detail: 'endpoint: used before the provider secret' })),
        ...PROVIDERS.map((p) => ({ name: p, label: `$(key) ${p}`, description: PROVIDER_LABELS[p] })),
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'Set Webhook Signing Secret', placeHolder: 'Endpoint or provider the secret belongs to' });
      if (!pick) return undefined;
      name = pick.name;
    }
    let secret = value;
    if (secret === undefined) {
      const had = await this.getSecret(name);
      secret = await vscode.window.showInputBox({
        title: `Signing secret for ${name}`,
        prompt: name === 'discord' ? 'The application public key (hex) from the Discord developer portal' : 'Stored in VS Code SecretStorage, never in settings. Leave empty to remove it.',
        password: true,
        ignoreFocusOut: true,
        placeHolder: had ? '(a secret is set: enter a new one, or leave empty to remove it)' : '',
      });
      if (secret === undefined) return undefined;
    }
    await this.set(name, secret.trim() || undefined);
    return name;
  }
}
