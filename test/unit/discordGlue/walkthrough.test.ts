import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('"Get started with ApiHook" walkthrough', () => {
  const walkthrough = (pkg.contributes.walkthroughs ?? []).find((w: { id: string }) => w.id === 'apihook.getStarted');

  it('has the four steps of the quick start, each with its markdown and a completion event', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has apihook.getStarted');
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['sendRequest', 'startListener', 'sendDiscordSample', 'lookAtCapture']);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      assert.ok(step.completionEvents.length > 0, `${step.id} has a completion event`);
    }
  });

  it('links only to commands ApiHook contributes, and completes on them', () => {
    const contributed = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    for (const step of walkthrough.steps) {
      for (const m of (step.description as string).matchAll(/\(command:([\w.]+)/g)) assert.ok(contributed.has(m[1]), `${step.id} links to ${m[1]}`);
      for (const e of step.completionEvents as string[]) {
        const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
        if (cmd) assert.ok(contributed.has(cmd), `${step.id} completes on ${cmd}`);
      }
    }
  });
});
