import * as path from 'node:path';
import type { ScriptBlock } from '../model';
import type { ScriptSource } from '../scripts/runScripts';

/** The text lines of the .http file, to place inline scripts at their real lines. */
export type DocumentLines = readonly string[];

/**
 * Why a script block is not run, or undefined when it is a JetBrains-style JavaScript block: httpYac
 * `{{ … }}` blocks use httpYac's own API, and kulala's `-- lua` blocks are Lua.
 */
export function unsupportedScript(block: ScriptBlock, lines: DocumentLines): string | undefined {
  if (block.kind !== 'inline') return undefined;
  const at = `line ${block.range.startLine + 1}`;
  if ((lines[block.range.startLine] ?? '').trimStart().startsWith('{{')) return `httpYac {{ }} script at ${at} not run: only JetBrains-style scripts are supported`;
  if (/^\s*--\s*lua\b/.test(block.source)) return `Lua script at ${at} not run: only JavaScript is supported`;
  return undefined;
}

/**
 * Where an inline script's first line sits: the line after `> {%`, unless code starts on the `{%` line
 * itself (one-line scripts, or `> {% code` with more lines following).
 */
function inlineOffset(block: ScriptBlock, lines: DocumentLines): number {
  const start = block.range.startLine;
  if (block.range.endLine === start) return start;
  const first = block.source.split('\n', 1)[0] ?? '';
  const opening = lines[start] ?? '';
  const afterOpen = opening.slice(opening.indexOf('{%') + 2).trim();
  return afterOpen && first.trim() === afterOpen ? start : start + 1;
}

/** Loads a handler or pre-request script: inline text as it is, `> ./file.js` read relative to the .http file. */
export async function loadScript(block: ScriptBlock, filePath: string, lines: DocumentLines, readFile: (file: string) => Promise<Buffer>): Promise<ScriptSource> {
  if (block.kind === 'inline') {
    return { code: block.source, filename: filePath, lineOffset: inlineOffset(block, lines), line: block.range.startLine };
  }
  const file = path.resolve(path.dirname(filePath), block.source.trim());
  let code: string;
  try {
    code = (await readFile(file)).toString('utf8');
  } catch (err) {
    throw new Error(`cannot read script ${block.source}: ${(err as Error).message}`);
  }
  return { code, filename: file, lineOffset: 0, line: block.range.startLine };
}
