/**
 * Substitutes `{{…}}` in request text. Lookup order for a plain name: prompt answers, file variables
 * (which may reference others; a cycle is a diagnostic, not a hang), then the chosen environment.
 * `{{$…}}` are system variables, `{{name.response.…}}` request chaining. Anything unresolved stays as
 * written and yields an 'unresolved-variable' diagnostic naming it — never a silent empty string.
 */
import type { Diagnostic, HttpDocument, HttpResponse } from '../model';
import { parseChainRef, selectFromResponse } from './chaining';
import type { ResolvedEnvironment } from './environments';
import type { VariableHost, VariableSource } from './host';
import { resolveSystemVariable } from './systemVariables';

export interface ResolveOptions {
  document: HttpDocument;
  environment?: ResolvedEnvironment;
  host: VariableHost;
  /** answers to `# @prompt` questions, by variable name */
  prompts?: Record<string, string>;
  /** the document's lines, to put diagnostics on the columns of the `{{…}}` they are about */
  lines?: string[];
}

export interface Resolved {
  value: string;
  source: VariableSource;
}

const MAX_DEPTH = 32;

export class VariableResolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly fileVars = new Map<string, { value: string; line: number }>();
  private readonly fileCache = new Map<string, string>();
  private readonly resolving = new Set<string>();
  private readonly reported = new Set<string>();
  /** responses of dependencies this resolver had sent, so one request sends each dependency once */
  private readonly ranDependencies = new Map<string, Promise<HttpResponse | undefined>>();

  constructor(private readonly opts: ResolveOptions) {
    // the last definition of a name wins, as in REST Client
    for (const v of opts.document.fileVariables) this.fileVars.set(v.name, { value: v.value, line: v.line });
  }

  private report(name: string, message: string, line: number, code = 'unresolved-variable'): void {
    const key = `${line}:${name}:${code}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const text = this.opts.lines?.[line] ?? '';
    let start = name ? text.indexOf(name) : -1;
    let end = start + name.length;
    const open = start >= 0 ? text.lastIndexOf('{{', start) : -1;
    if (open >= 0) { start = open; const close = text.indexOf('}}', end); end = close >= 0 ? close + 2 : end; }
    if (start < 0) { start = 0; end = text.length; }
    this.diagnostics.push({ severity: 'error', message, line, startColumn: start, endColumn: end, code });
  }

  /** Replaces every `{{…}}` in `text`; `line` is where the text sits, for diagnostics. */
  async substitute(text: string, line: number, depth = 0): Promise<string> {
    if (text.indexOf('{{') < 0) return text;
    let out = '';
    let pos = 0;
    let at = line; // the line of the current {{…}}, for multi-line bodies
    for (;;) {
      const open = text.indexOf('{{', pos);
      if (open < 0) break;
      const close = text.indexOf('}}', open + 2);
      if (close < 0) break;
      for (let k = text.indexOf('\n', pos); k >= 0 && k < open; k = text.indexOf('\n', k + 1)) at++;
      out += text.slice(pos, open);
      const expr = text.slice(open + 2, close).trim();
      const r = await this.resolve(expr, at, depth);
      out += r ? r.value : text.slice(open, close + 2);
      pos = close + 2;
    }
    return out + text.slice(pos);
  }

  /** The value and source of one `{{expr}}`, or undefined (and a diagnostic) when it cannot be resolved. */
  async resolve(expr: string, line: number, depth = 0): Promise<Resolved | undefined> {
    if (!expr) { this.report('', 'Empty {{}}: write a variable name inside', line); return undefined; }
    if (expr.startsWith('$')) {
      const env = this.opts.environment;
      const r = await resolveSystemVariable(expr, {
        host: this.opts.host,
        dotenv: env?.dotenv ?? {},
        lookup: async (n) => (await this.resolveName(n, line, depth + 1, false))?.value,
      });
      if (r.ok) return { value: r.value, source: expr.startsWith('$processEnv') ? { kind: 'process-env' } : expr.startsWith('$dotenv') ? { kind: 'dotenv' } : { kind: 'system' } };
      this.report(expr, `Cannot resolve {{${expr}}}: ${r.message}`, line);
      return undefined;
    }
    const ref = parseChainRef(expr);
    if (ref) return this.resolveChain(expr, ref, line);
    return this.resolveName(expr, line, depth, true);
  }

  private async resolveChain(expr: string, ref: NonNullable<ReturnType<typeof parseChainRef>>, line: number): Promise<Resolved | undefined> {
    const known = this.opts.document.requests.some((r) => r.name === ref.request);
    if (!known) {
      // not a request of this file: maybe a variable with dots in its name
      const asName = await this.resolveName(expr, line, 0, false);
      if (asName) return asName;
      this.report(expr, `Cannot resolve {{${expr}}}: no request named '${ref.request}' in this file (add # @name ${ref.request})`, line);
      return undefined;
    }
    const host = this.opts.host;
    let res = host.getResponse(ref.request);
    if (!res && host.runDependency) {
      let pending = this.ranDependencies.get(ref.request);
      if (!pending) { pending = host.runDependency(ref.request); this.ranDependencies.set(ref.request, pending); }
      res = await pending;
    }
    if (!res) {
      this.report(expr, `Cannot resolve {{${expr}}}: request '${ref.request}' has no response yet; send it first`, line);
      return undefined;
    }
    const r = await selectFromResponse(ref, res, (p) => host.readFile(p));
    if (!r.ok) { this.report(expr, `Cannot resolve {{${expr}}}: ${r.message}`, line); return undefined; }
    return { value: r.value, source: { kind: 'request', request: ref.request } };
  }

  /** A plain variable name: prompt answer, file variable, then environment. */
  async resolveName(name: string, line: number, depth: number, reportMissing: boolean): Promise<Resolved | undefined> {
    const prompt = this.opts.prompts?.[name];
    if (prompt !== undefined) return { value: prompt, source: { kind: 'prompt' } };
    const fv = this.fileVars.get(name);
    if (fv) {
      const cached = this.fileCache.get(name);
      if (cached !== undefined) return { value: cached, source: { kind: 'file', line: fv.line } };
      if (this.resolving.has(name) || depth > MAX_DEPTH) {
        this.report(name, `Variable '${name}' refers to itself through ${[...this.resolving].join(' → ')} → ${name}`, fv.line, 'variable-cycle');
        return undefined;
      }
      this.resolving.add(name);
      try {
        const value = await this.substitute(fv.value, fv.line, depth + 1);
        this.fileCache.set(name, value);
        return { value, source: { kind: 'file', line: fv.line } };
      } finally {
        this.resolving.delete(name);
      }
    }
    const ev = this.opts.environment?.variables.get(name);
    if (ev) {
      if (this.resolving.has(`env:${name}`) || depth > MAX_DEPTH) {
        this.report(name, `Environment variable '${name}' refers to itself`, line, 'variable-cycle');
        return undefined;
      }
      this.resolving.add(`env:${name}`);
      try {
        return { value: await this.substitute(ev.value, line, depth + 1), source: ev.source };
      } finally {
        this.resolving.delete(`env:${name}`);
      }
    }
    if (reportMissing) {
      const env = this.opts.environment?.name;
      this.report(name, `Variable '${name}' is not defined${env ? ` in environment '${env}'` : ' (no environment selected)'} or as a file variable (@${name} = …)`, line);
    }
    return undefined;
  }
}
