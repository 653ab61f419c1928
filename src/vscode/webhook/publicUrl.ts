import * as vscode from 'vscode';
import { isLoopbackHost } from './settings';

/**
 * "Copy Public URL": asks VS Code for an externally reachable URI of the listener (Codespaces,
 * remote and tunnel setups forward the port). When the answer is still a loopback URL nothing
 * forwards it, so we copy the local URL and explain how to point an existing tunnel at the port.
 */
export async function copyPublicUrl(localUrl: string, port: number): Promise<{ url: string; forwarded: boolean }> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(localUrl));
  const text = external.toString(true).replace(/\/$/, '');
  const forwarded = !isLoopbackHost(external.authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
  await vscode.env.clipboard.writeText(forwarded ? text : localUrl);
  if (forwarded) {
    void vscode.window.showInformationMessage(`ApiHook: copied the public URL ${text}. Requests sent to it reach the listener on port ${port}.`);
  } else {
    void vscode.window.showInformationMessage(
      `ApiHook: copied ${localUrl}. It is only reachable from this machine: VS Code forwards no port here. To receive webhooks from the internet, point a tunnel you already use at it, e.g. "ngrok http ${port}" or "cloudflared tunnel --url http://127.0.0.1:${port}", and give the provider the tunnel's URL (plus your endpoint path).`,
      { modal: false },
    );
  }
  return { url: forwarded ? text : localUrl, forwarded };
}
