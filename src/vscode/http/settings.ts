import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientCertificate, SenderOptions } from '../../core/http/send';

/** Settings that change how the sender is built; a change of any of them builds a new sender. */
export const SENDER_SETTINGS = ['apihook.request.rejectUnauthorized', 'apihook.request.clientCertificates', 'http.proxy', 'http.noProxy'];

export interface RequestSettings {
  /** ms, 0 = no limit */
  timeout: number;
  followRedirects: boolean;
}

export function requestSettings(): RequestSettings {
  const c = vscode.workspace.getConfiguration('apihook.request');
  const timeout = Number(c.get('timeout', 0));
  return { timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : 0, followRedirects: c.get('followRedirects', true) };
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration('apihook.codeLens').get('enabled', true);
}

export function panelPerRequest(): boolean {
  return vscode.workspace.getConfiguration('apihook.response').get('panelPerRequest', false);
}

interface CertificatePaths { cert?: string; key?: string; pfx?: string }

/** Reads the client certificate files named in `apihook.request.clientCertificates` (host → paths). */
async function loadCertificates(setting: Record<string, CertificatePaths>, base: string | undefined): Promise<Record<string, ClientCertificate>> {
  const out: Record<string, ClientCertificate> = {};
  const read = async (p: string | undefined) => {
    if (!p) return undefined;
    const file = path.isAbsolute(p) || !base ? p : path.join(base, p);
    try {
      return await readFile(file);
    } catch (err) {
      throw new Error(`Cannot read the client certificate file ${file} (setting apihook.request.clientCertificates): ${(err as Error).message}`);
    }
  };
  for (const [host, paths] of Object.entries(setting ?? {})) {
    if (!paths || typeof paths !== 'object') continue;
    out[host] = { cert: await read(paths.cert), key: await read(paths.key), pfx: await read(paths.pfx) };
  }
  return out;
}

/** SenderOptions from the settings: TLS, client certificates, VS Code's proxy, the process environment. */
export async function senderOptions(): Promise<SenderOptions> {
  const req = vscode.workspace.getConfiguration('apihook.request');
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy') || undefined;
  const noProxy = http.get<string[]>('noProxy');
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return {
    rejectUnauthorized: req.get('rejectUnauthorized', true),
    certificates: await loadCertificates(req.get<Record<string, CertificatePaths>>('clientCertificates') ?? {}, base),
    proxy,
    ...(noProxy && noProxy.length ? { noProxy: noProxy.join(',') } : {}),
    env: process.env,
  };
}
