/**
 * What the Test Explorer lists for one .http file: the requests that carry tests (`??` assertions or
 * response handlers) and, per request, the `client.test("name")` calls found in the handler source.
 * No `vscode` import; unit-tested in plain Node.
 */
import type { HttpDocument, RequestBlock } from '../../core/http/model';
import { labelOf } from '../../core/http/run/runner';
import { loadScript, unsupportedScript } from '../../core/http/run/scriptSources';

/** A `client.test(…)` call found statically. */
export interface DiscoveredTest {
  /** unique among its request's tests: the name, plus `#n` from the second of the same name on */
  key: string;
  name: string;
  /** absolute path of the file that holds the call (the .http file, or the handler's .js file) */
  file: string;
  /** 0-based line in `file` */
  line: number;
}

export interface DiscoveredRequest {
  /** unique within the file: the request's label, plus `#n` from the second of the same label on */
  key: string;
  label: string;
  block: RequestBlock;
  assertions: number;
  tests: DiscoveredTest[];
  /** the files the handlers run from (the .http file for inline ones), in order */
  handlerFiles: string[];
}

/** Keys that stay unique when a label repeats: `a`, `a#2`, `a#3`. */
export class KeyMaker {
  private readonly seen = new Map<string, number>();
  next(label: string): string {
    const n = (this.seen.get(label) ?? 0) + 1;
    this.seen.set(label, n);
    return n === 1 ? label : `${label}#${n}`;
  }
}

/** True when the request has something the Test Explorer can run as a test. */
export function hasTests(block: RequestBlock): boolean {
  return block.assertions.length > 0 || block.handlers.length > 0;
}

const TEST_CALL = /client\s*\.\s*test\s*\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1(?=\s*[,)])/g;

/** `client.test("name", …)` calls with a literal name, by 0-based line of `code`. */
export function findClientTests(code: string): Array<{ name: string; line: number }> {
  const out: Array<{ name: string; line: number }> = [];
  const lines = code.split(/\r?\n/);
  lines.forEach((text, line) => {
    for (const m of text.matchAll(TEST_CALL)) {
      if (m[1] === '`' && m[2]!.includes('${')) continue; // computed name: known only when it runs
      out.push({ name: m[2]!.replace(/\\(.)/g, '$1'), line });
    }
  });
  return out;
}

/**
 * The requests of a parsed document that carry tests, in file order. Handler files (`> ./file.js`)
 * are read with `readFile`; one that cannot be read simply contributes no static tests (the run
 * reports what it finds).
 */
export async function discoverRequests(
  document: HttpDocument,
  filePath: string,
  text: string,
  readFile: (file: string) => Promise<Buffer>,
): Promise<DiscoveredRequest[]> {
  const lines = text.split(/\r?\n/);
  const keys = new KeyMaker();
  const out: DiscoveredRequest[] = [];
  for (const block of document.requests) {
    const label = labelOf(block);
    const key = keys.next(label);
    if (!hasTests(block)) continue;
    const testKeys = new KeyMaker();
    const tests: DiscoveredTest[] = [];
    const handlerFiles: string[] = [];
    for (const handler of block.handlers) {
      if (unsupportedScript(handler, lines)) continue;
      try {
        const src = await loadScript(handler, filePath, lines, readFile);
        handlerFiles.push(src.filename);
        for (const t of findClientTests(src.code)) tests.push({ key: testKeys.next(t.name), name: t.name, file: src.filename, line: src.lineOffset + t.line });
      } catch {
        // unreadable handler file: the run shows the error
      }
    }
    out.push({ key, label, block, assertions: block.assertions.length, tests, handlerFiles });
  }
  return out;
}

/** The request keys of a whole document (every request, tests or not), by request line. */
export function requestKeysByLine(document: HttpDocument): Map<number, string> {
  const keys = new KeyMaker();
  return new Map(document.requests.map((b) => [b.requestLine, keys.next(labelOf(b))]));
}
