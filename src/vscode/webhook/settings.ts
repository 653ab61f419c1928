import * as vscode from 'vscode';
import { validateRulesConfig, type WebhookRulesConfig } from '../../core/webhook';

/** The listener's settings, read fresh at each start. */
export interface ListenerSettings {
  port: number;
  host: string;
  maxBodyBytes: number;
  maxCaptures: number;
  maxBytes: number;
  autoStart: boolean;
  discord: { enabled: boolean; rateLimit: { requests: number; perMs: number } | false; knownWebhookIds?: string[] };
}

export const RULES_FILE = '.apihook/webhooks.json';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

export function readListenerSettings(): ListenerSettings {
  const c = vscode.workspace.getConfiguration('apihook.webhook');
  const d = vscode.workspace.getConfiguration('apihook.discord.emulator');
  const rate = d.get<{ requests?: number; perMs?: number } | null>('rateLimit');
  const ids = d.get<string[]>('knownWebhookIds') ?? [];
  return {
    port: clampInt(c.get<number>('port'), 8787, 0, 65535),
    host: (c.get<string>('host') ?? '127.0.0.1').trim() || '127.0.0.1',
    maxBodyBytes: clampInt(c.get<number>('maxBodyBytes'), 10 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    maxCaptures: clampInt(c.get<number>('store.maxCaptures'), 10_000, 1, 1_000_000),
    maxBytes: clampInt(c.get<number>('store.maxBytes'), 512 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
    autoStart: c.get<boolean>('autoStart') === true,
    discord: {
      enabled: d.get<boolean>('enabled') !== false,
      rateLimit: rateLimitOf(rate),
      knownWebhookIds: ids.length ? ids.map(String) : undefined,
    },
  };
}

/** `{requests: 0}` (or null) turns limiting off; anything unusable means Discord's default 5 per 2 s. */
function rateLimitOf(rate: { requests?: number; perMs?: number } | null | undefined): { requests: number; perMs: number } | false {
  if (rate === null || rate?.requests === 0) return false;
  if (rate && typeof rate.requests === 'number' && typeof rate.perMs === 'number' && rate.requests > 0 && rate.perMs > 0) return { requests: rate.requests, perMs: rate.perMs };
  return { requests: 5, perMs: 2000 };
}

function clampInt(v: number | undefined, dflt: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(v)));
}

/**
 * Endpoints and rules: `.apihook/webhooks.json` in the first workspace folder (committable, no
 * secrets), then the `apihook.webhook.endpoints` / `apihook.webhook.rules` settings appended to it.
 */
export async function readRules(): Promise<{ config: WebhookRulesConfig; problems: string[] }> {
  const problems: string[] = [];
  let fromFile: unknown;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    const uri = vscode.Uri.joinPath(folder.uri, RULES_FILE);
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      try { fromFile = JSON.parse(new TextDecoder().decode(bytes)); } catch (e) { problems.push(`${RULES_FILE}: not valid JSON (${(e as Error).message})`); }
    } catch { /* no rules file: fine */ }
  }
  const c = vscode.workspace.getConfiguration('apihook.webhook');
  const file = validateRulesConfig(fromFile);
  problems.push(...file.problems.map((p) => `${RULES_FILE}: ${p}`));
  const settings = validateRulesConfig({ endpoints: c.get<unknown[]>('endpoints') ?? [], rules: c.get<unknown[]>('rules') ?? [] });
  problems.push(...settings.problems.map((p) => `settings: ${p}`));
  return {
    config: {
      endpoints: [...(file.config.endpoints ?? []), ...(settings.config.endpoints ?? [])],
      rules: [...(file.config.rules ?? []), ...(settings.config.rules ?? [])],
      defaultReply: file.config.defaultReply,
    },
    problems,
  };
}
