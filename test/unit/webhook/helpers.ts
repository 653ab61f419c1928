import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const samplesDir = join(repoRoot, '..', 'shared', 'conformance', 'webhook-samples');

/** Reads a conformance sample, or skips the test with a visible note when ../shared is absent. */
export function sample(ctx: Mocha.Context, name: string): string {
  const p = join(samplesDir, name);
  if (!existsSync(p)) {
    console.log(`      (skipped: ${p} is not here; the shared conformance samples are optional)`);
    ctx.skip();
  }
  return readFileSync(p, 'utf8');
}

/** A "Name: value" header block, a blank line, then the body (its final newline dropped). */
export function parseSample(text: string): { rawHeaders: string[]; body: Buffer } {
  const split = text.indexOf('\n\n');
  const rawHeaders: string[] = [];
  for (const line of text.slice(0, split).split('\n')) {
    const c = line.indexOf(':');
    if (c > 0) rawHeaders.push(line.slice(0, c).trim(), line.slice(c + 1).trim());
  }
  return { rawHeaders, body: Buffer.from(text.slice(split + 2).replace(/\n$/, ''), 'utf8') };
}
