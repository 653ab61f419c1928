import type { HttpDocument, RequestBlock } from '../model';

const REFERENCE = /\{\{\s*([A-Za-z_][\w-]*)(\.[^}]*)?\}\}/g;

function referencesIn(text: string): Array<{ head: string; rest: string }> {
  const out: Array<{ head: string; rest: string }> = [];
  for (const m of text.matchAll(REFERENCE)) out.push({ head: m[1]!, rest: m[2] ?? '' });
  return out;
}

function blockTexts(block: RequestBlock): string[] {
  const texts = [block.url, ...block.headers.map((h) => h.value)];
  if (block.body.kind === 'text') texts.push(block.body.text);
  else if (block.body.kind === 'file') texts.push(block.body.path);
  else if (block.body.kind === 'mixed') for (const p of block.body.parts) texts.push(p.kind === 'text' ? p.text : p.path);
  return texts;
}

/**
 * The named requests `block` needs to have run first: those it refers to as `{{name.response…}}` or
 * `{{name.request…}}`, directly or through file variables (`@token = {{login.response.body.$.token}}`).
 */
export function requestDependencies(document: HttpDocument, block: RequestBlock): string[] {
  const named = new Set(document.requests.filter((r) => r.name && r !== block).map((r) => r.name!));
  const fileVars = new Map(document.fileVariables.map((v) => [v.name, v.value]));
  const found: string[] = [];
  const seenVars = new Set<string>();
  const visit = (text: string) => {
    for (const { head, rest } of referencesIn(text)) {
      if (named.has(head) && /^\.(response|request)\b/.test(rest)) {
        if (!found.includes(head)) found.push(head);
      } else if (fileVars.has(head) && !seenVars.has(head)) {
        seenVars.add(head);
        visit(fileVars.get(head)!);
      }
    }
  };
  for (const t of blockTexts(block)) visit(t);
  return found;
}
