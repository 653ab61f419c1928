/**
 * The .http parser: one pass over the lines, a small state machine, char-code tests instead of regexes.
 * Reads REST Client, httpYac and JetBrains HTTP Client files. Never throws: whatever it cannot read becomes
 * a diagnostic.
 */
import type { Diagnostic, FileVariable, HttpDocument, RequestBlock, Severity } from '../model';
import { curlToRequest } from '../curlImport';
import { addBodyText, addTo, EMPTY_LIST, finishDraft, newDraft, touch, type Draft } from './draft';
import {
  hasSpaceBetween, inlineScriptClose, inlineScriptOpen, isYacScriptOpen, readDirective, validHeaderName, readFileRef, readFileVariable, readGtLine, readResponseRef,
} from './lineKinds';
import {
  CH_AT, CH_GT, CH_LBRACE, CH_LBRACKET, CH_LT, CH_QUESTION, CH_AMP,
  commentTextStart, firstNonSpace, isPlainBodyStart, isSeparatorAt, isSpace, joinContinuation, lastNonSpaceEnd, splitLines, trimmedEquals,
  type LineSource,
} from './lineScan';
import { isRequestLineAfter, methodAt, parseRequestLine } from './requestLine';

const enum State { Top, Headers, Body }


interface OpenScript { target: 'preScripts' | 'handlers'; start: number; close: 'js' | 'yac'; firstCode: string }

export function parseHttp(text: string): HttpDocument {
  try {
    return new Parser(splitLines(typeof text === 'string' ? text : String(text))).run();
  } catch (err) {
    // a bug in the parser must not take the editor down: report it and return what is safe
    return { requests: [], fileVariables: [], diagnostics: [{ severity: 'error', message: `The parser failed: ${err instanceof Error ? err.message : String(err)}`, line: 0, startColumn: 0, endColumn: 0, code: 'parser-failure' }] };
  }
}

class Parser {
  private readonly requests: RequestBlock[] = [];
  private readonly fileVariables: FileVariable[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private state = State.Top;
  private d: Draft = newDraft();
  private script: OpenScript | undefined;
  private inFragment = false;
  private carryName: string | undefined;
  private fromCurl = false;
  /** directives and first line of comments seen in a body that may belong to the next request */
  private pendingDirectives: Draft['directives'] = EMPTY_LIST;
  private pendingName: string | undefined;
  private pendingStart = -1;
  private lastBlank = true;
  private skipTo = -1;

  constructor(private readonly src: LineSource) {}

  run(): HttpDocument {
    const src = this.src;
    const count = src.count;
    for (let i = 0; i < count; i++) {
      if (this.state === State.Body && !this.script && !this.inFragment && !this.fromCurl && isPlainBodyStart(src.firstCode(i))) {
        // most body lines ("…", }, ], digits) cannot be anything but body text: no need to look closer
        this.plainBodyLine(i);
        this.lastBlank = false;
        continue;
      }
      const line = src.line(i);
      const at = firstNonSpace(line);
      const blank = at === line.length;
      if (this.script) {
        if (!blank && isSeparatorAt(line, at)) this.closeScriptUnterminated(i);
        else { this.scriptLine(line, i); continue; }
      }
      if (this.inFragment) {
        if (!blank && isSeparatorAt(line, at)) this.inFragment = false;
        else { if (line.charCodeAt(0) === 125) this.inFragment = false; continue; }
      }
      if (blank) {
        if (this.state === State.Headers) this.state = State.Body;
        this.lastBlank = true;
        continue;
      }
      if (isSeparatorAt(line, at)) { this.separator(line, at, i); this.lastBlank = true; continue; }
      if (this.state === State.Top) this.top(line, at, i);
      else if (this.state === State.Headers) this.headerLine(line, at, i);
      else this.bodyLine(line, at, i);
      this.lastBlank = false;
    }
    if (this.script) this.closeScriptUnterminated(count - 1);
    this.finish();
    return { requests: this.requests, fileVariables: this.fileVariables, diagnostics: this.diagnostics };
  }

  private diag(severity: Severity, message: string, line: number, startColumn: number, endColumn: number, code: string): void {
    this.diagnostics.push({ severity, message, line, startColumn, endColumn, code });
  }

  // ------------------------------------------------------------------ block boundaries

  private finish(): void {
    const d = this.d;
    if (d.requestLine >= 0) this.requests.push(finishDraft(d, this.src, this.fromCurl));
    else if (d.name !== undefined) this.carryName = d.name;
    this.fromCurl = false;
    this.state = State.Top;
    this.pendingDirectives = EMPTY_LIST;
    this.pendingName = undefined;
    this.pendingStart = -1;
  }

  private separator(line: string, at: number, _i: number): void {
    this.finish();
    let t = at;
    while (line.charCodeAt(t) === 35) t++;
    const end = lastNonSpaceEnd(line);
    while (t < end && isSpace(line.charCodeAt(t))) t++;
    this.d = newDraft(t < end ? line.slice(t, end) : undefined);
  }

  /** A request line inside a previous request's headers or body starts a new request without `###`. */
  private startImplicit(): void {
    const name = this.pendingName;
    const directives = this.pendingDirectives;
    const start = this.pendingStart;
    this.finish();
    this.d = newDraft();
    this.d.name = name;
    this.d.directives = directives;
    this.d.startLine = start;
  }

  // ------------------------------------------------------------------ before the request line

  private top(line: string, at: number, i: number): void {
    const d = this.d;
    const c = line.charCodeAt(at);
    if (commentTextStart(line, at) >= 0) { this.comment(line, at, i, false); return; }
    if (c === CH_AT) {
      const v = readFileVariable(line, at);
      if (v.ok) this.fileVariables.push({ name: v.name, value: v.value, line: i });
      else this.diag('warning', `'${line.slice(at, lastNonSpaceEnd(line))}' is not a variable: write @name = value`, i, at, lastNonSpaceEnd(line), 'invalid-variable');
      if (d.requestLine < 0 && d.directives.length === 0 && d.name === undefined) d.startLine = -1;
      return;
    }
    if (c === CH_LT) {
      const open = inlineScriptOpen(line, at);
      touch(d, i);
      if (open >= 0) this.openScript(line, open, i, 'preScripts', 'js');
      else addTo(d, 'preScripts', { kind: 'file', source: line.slice(at + 1, lastNonSpaceEnd(line)).trim(), range: { startLine: i, endLine: i } });
      return;
    }
    if (c === CH_LBRACE && isYacScriptOpen(line, at)) { touch(d, i); this.openScript(line, -1, i, 'preScripts', 'yac'); return; }
    if (c === CH_QUESTION && line.charCodeAt(at + 1) === CH_QUESTION) { this.assertion(line, at, i); return; }
    if (line.startsWith('curl', at) && (at + 4 === line.length || isSpace(line.charCodeAt(at + 4)))) { this.curl(line, at, i); return; }
    if (line.startsWith('fragment ', at)) { this.inFragment = !trimmedEquals(line, lastNonSpaceEnd(line) - 1, '}'); return; }
    if (line.startsWith('import ', at) || line.startsWith('run ', at)) {
      const sp = line.indexOf(' ', at);
      touch(d, i);
      addTo(d, 'directives', { name: line.slice(at, sp), value: line.slice(sp + 1, lastNonSpaceEnd(line)).trim(), line: i });
      return;
    }
    const rl = parseRequestLine(line, at);
    if (!rl) {
      this.diag('error', 'Cannot read this line: expected a request line (METHOD URL), a comment, a variable (@name = value) or ###', i, at, lastNonSpaceEnd(line), 'invalid-request-line');
      return;
    }
    touch(d, i);
    d.requestLine = i;
    d.method = rl.method;
    d.url = rl.url;
    if (rl.httpVersion !== undefined) d.httpVersion = rl.httpVersion;
    if (d.name === undefined && this.carryName !== undefined) d.name = this.carryName;
    this.carryName = undefined;
    this.state = State.Headers;
    if (rl.unknownMethod) this.diag('error', `Unknown HTTP method '${rl.method}'`, i, at, at + rl.method.length, 'unknown-method');
    if (!rl.url) this.diag('error', `The request has no URL: write ${rl.method} https://host/path`, i, at, lastNonSpaceEnd(line), 'missing-url');
  }

  private curl(line: string, at: number, i: number): void {
    const { cmd, end } = joinContinuation(this.src, i, line.slice(at, lastNonSpaceEnd(line)));
    const r = curlToRequest(cmd);
    const d = this.d;
    touch(d, i);
    touch(d, end);
    d.requestLine = i;
    d.method = r.method;
    d.url = r.url;
    for (const h of r.headers) d.headers.push({ name: h.name, value: h.value, line: i });
    if (r.body.kind !== 'none') d.curlBody = { ...r.body, range: { startLine: i, endLine: end } } as Draft['curlBody'];
    for (const w of r.warnings) this.diag(w.includes('no URL') ? 'error' : 'warning', w, i, at, lastNonSpaceEnd(line), w.includes('no URL') ? 'missing-url' : 'curl-option');
    this.fromCurl = true;
    if (d.name === undefined && this.carryName !== undefined) d.name = this.carryName;
    this.carryName = undefined;
    this.state = State.Body;
    this.skipTo = end; // the continuation lines are part of the command
  }

  // ------------------------------------------------------------------ comments, scripts, assertions

  private comment(line: string, at: number, i: number, pending: boolean): void {
    const dir = readDirective(line, at);
    if (pending) {
      if (this.pendingStart < 0) this.pendingStart = i;
      if (dir) {
        if (dir.name === 'name') this.pendingName = dir.value.split(/\s/)[0];
        else this.pendingDirectives = [...this.pendingDirectives, { name: dir.name, value: dir.value, line: i }];
      }
      return;
    }
    if (!dir) { touch(this.d, i); return; }
    touch(this.d, i);
    if (dir.name === 'name') {
      const v = dir.value.split(/\s/)[0];
      if (!v) this.diag('warning', '@name needs a value: # @name login', i, at, lastNonSpaceEnd(line), 'missing-name');
      else this.d.name = v;
    } else addTo(this.d, 'directives', { name: dir.name, value: dir.value, line: i });
  }

  private assertion(line: string, at: number, i: number): void {
    touch(this.d, i);
    addTo(this.d, 'assertions', { text: line.slice(at + 2, lastNonSpaceEnd(line)).trim(), line: i });
  }

  private openScript(line: string, codeStart: number, i: number, target: OpenScript['target'], close: 'js' | 'yac'): void {
    if (close === 'js') {
      const closeAt = inlineScriptClose(line);
      if (closeAt >= codeStart) {
        addTo(this.d, target, { kind: 'inline', source: line.slice(codeStart, closeAt).trim(), range: { startLine: i, endLine: i } });
        return;
      }
    }
    this.script = { target, start: i, close, firstCode: close === 'js' ? line.slice(codeStart).trim() : '' };
  }

  private scriptLine(line: string, i: number): void {
    const s = this.script!;
    let closeAt = -1;
    if (s.close === 'js') closeAt = inlineScriptClose(line);
    else if (trimmedEquals(line, firstNonSpace(line), '}}')) closeAt = firstNonSpace(line);
    if (closeAt < 0) return;
    const body: string[] = [];
    if (s.firstCode) body.push(s.firstCode);
    if (i > s.start + 1) body.push(this.src.text(s.start + 1, i - 1));
    const last = line.slice(0, closeAt);
    if (last.trim()) body.push(last);
    addTo(this.d, s.target, { kind: 'inline', source: body.join('\n'), range: { startLine: s.start, endLine: i } });
    touch(this.d, i);
    this.script = undefined;
  }

  private closeScriptUnterminated(i: number): void {
    const s = this.script!;
    this.diag('error', s.close === 'js' ? 'This script is not closed: end it with %}' : 'This script is not closed: end it with }}', s.start, 0, this.src.line(s.start).length, 'unclosed-script');
    addTo(this.d, s.target, { kind: 'inline', source: i > s.start ? this.src.text(s.start + 1, i) : '', range: { startLine: s.start, endLine: i } });
    this.script = undefined;
  }

  /** `>` handlers and `>>` redirects, `<>` references, `??` assertions: true when the line was one. */
  private afterRequestLine(line: string, at: number, i: number): boolean {
    const c = line.charCodeAt(at);
    if (c === CH_GT) {
      const g = readGtLine(line, at);
      if (!g) return false;
      touch(this.d, i);
      if (g.kind === 'redirect') addTo(this.d, 'redirects', { path: g.path, overwrite: g.overwrite, range: { startLine: i, endLine: i } });
      else if (g.kind === 'file') addTo(this.d, 'handlers', { kind: 'file', source: g.path, range: { startLine: i, endLine: i } });
      else this.openScript(line, g.codeStart, i, 'handlers', 'js');
      return true;
    }
    if (c === CH_LT && line.charCodeAt(at + 1) === CH_GT) {
      touch(this.d, i);
      addTo(this.d, 'directives', { name: 'response-ref', value: readResponseRef(line, at) ?? '', line: i });
      return true;
    }
    if (c === CH_QUESTION && line.charCodeAt(at + 1) === CH_QUESTION) { this.assertion(line, at, i); return true; }
    if (c === CH_LBRACE && isYacScriptOpen(line, at)) { touch(this.d, i); this.openScript(line, -1, i, 'handlers', 'yac'); return true; }
    return false;
  }

  // ------------------------------------------------------------------ headers and body

  private headerLine(line: string, at: number, i: number): void {
    const d = this.d;
    if (commentTextStart(line, at) >= 0) { this.comment(line, at, i, false); return; }
    if (this.afterRequestLine(line, at, i)) return;
    const c = line.charCodeAt(at);
    if ((c === CH_QUESTION && line.charCodeAt(at + 1) !== CH_QUESTION) || c === CH_AMP) {
      if (d.headers.length === 0) { d.url += line.slice(at, lastNonSpaceEnd(line)); touch(d, i); return; }
    }
    if (at > 0 && d.headers.length > 0) {
      const h = d.headers[d.headers.length - 1];
      h.value = h.value ? `${h.value} ${line.slice(at, lastNonSpaceEnd(line))}` : line.slice(at, lastNonSpaceEnd(line));
      touch(d, i);
      return;
    }
    if (at > 0 && d.headers.length === 0) { d.url += line.slice(at, lastNonSpaceEnd(line)); touch(d, i); return; }
    const colon = line.indexOf(':', at);
    if (colon < 0 || isSpace(line.charCodeAt(colon - 1)) || hasSpaceBetween(line, at, colon)) {
      const m = methodAt(line, at);
      if (m && isRequestLineAfter(line, m.end)) { this.startImplicit(); this.top(line, at, i); return; }
    }
    if (colon > at && validHeaderName(line, at, colon)) {
      let v = colon + 1;
      while (v < line.length && isSpace(line.charCodeAt(v))) v++;
      let ne = colon;
      while (ne > at && isSpace(line.charCodeAt(ne - 1))) ne--;
      d.headers.push({ name: line.slice(at, ne), value: line.slice(v, lastNonSpaceEnd(line)), line: i });
      touch(d, i);
      return;
    }
    if (c === CH_LBRACE || c === CH_LBRACKET || c === CH_LT) {
      // a body that starts right under the headers, without the blank line
      this.diag('info', 'A blank line should separate the headers from the body', i, at, lastNonSpaceEnd(line), 'body-without-blank-line');
      this.state = State.Body;
      this.bodyLine(line, at, i);
      return;
    }
    this.diag('error', `Cannot read this header: write Name: value${colon < 0 ? ' (the colon is missing)' : ''}`, i, at, lastNonSpaceEnd(line), 'invalid-header');
  }

  private bodyLine(line: string, at: number, i: number): void {
    if (this.skipTo >= i) return;
    const d = this.d;
    if (at === 0 && commentTextStart(line, 0) >= 0) {
      this.comment(line, 0, i, true);
      d.bodyCommentGap = true;
      return;
    }
    if (this.afterRequestLine(line, at, i)) return;
    const m = at === 0 ? methodAt(line, 0) : undefined;
    if (m && (this.lastBlank || this.pendingStart >= 0 || d.body.length === 0) && isRequestLineAfter(line, m.end)) {
      this.startImplicit();
      this.top(line, at, i);
      return;
    }
    if (this.fromCurl) {
      this.diag('warning', 'Text after a curl command is ignored', i, at, lastNonSpaceEnd(line), 'text-after-curl');
      return;
    }
    const ref = line.charCodeAt(at) === CH_LT ? readFileRef(line, at) : undefined;
    if (ref) {
      this.clearPending();
      d.body.push({ kind: 'file', from: i, to: i, path: ref.path, substitute: ref.substitute, encoding: ref.encoding });
      d.bodyCommentGap = false;
      touch(d, i);
      return;
    }
    this.plainBodyLine(i);
  }

  private plainBodyLine(i: number): void {
    this.clearPending();
    addBodyText(this.d, i);
  }

  private clearPending(): void {
    if (this.pendingStart < 0 && this.pendingName === undefined && this.pendingDirectives === EMPTY_LIST) return;
    this.pendingDirectives = EMPTY_LIST;
    this.pendingName = undefined;
    this.pendingStart = -1;
  }
}
