import * as assert from 'node:assert/strict';
import type { HttpResponse, OutgoingRequest } from '../../../../src/core/http/model';
import {
  assertionSummary, bodyViewOf, buildViewState, FIRST_CHUNK_CHARS, fullResponseText, historyViewState, suggestedFileName, timingPhases,
} from '../../../../src/vscode/http/responseModel';

const request: OutgoingRequest = { method: 'GET', url: 'http://127.0.0.1:1/x?token=abc&page=2', headers: [['Authorization', 'Bearer sekret'], ['Accept', 'application/json']] };

function response(contentType: string, body: Buffer, status = 200): HttpResponse {
  return {
    status, statusText: 'OK', httpVersion: '1.1', headers: [['Content-Type', contentType], ['Content-Length', String(body.length)]],
    body: { kind: 'buffer', data: body }, url: request.url, redirects: [], request,
    timings: { dns: 1, connect: 3, firstByte: 10, download: 4, total: 14 },
  };
}

describe('response panel model', () => {
  it('chooses the body view from the content type, or sniffs when there is none', () => {
    const b = Buffer.from('{"a":1}');
    assert.equal(bodyViewOf('application/json; charset=utf-8', b), 'json');
    assert.equal(bodyViewOf('application/problem+json', b), 'json');
    assert.equal(bodyViewOf('application/soap+xml', Buffer.from('<a/>')), 'xml');
    assert.equal(bodyViewOf('text/html', Buffer.from('<p>')), 'html');
    assert.equal(bodyViewOf('image/png', Buffer.from([0x89, 0x50])), 'image');
    assert.equal(bodyViewOf('application/octet-stream', Buffer.from([0, 1, 2, 255])), 'binary');
    assert.equal(bodyViewOf('', b), 'json');
    assert.equal(bodyViewOf('', Buffer.from('<x/>')), 'xml');
    assert.equal(bodyViewOf('text/plain', Buffer.alloc(0)), 'empty');
  });

  it('turns the sender marks into phase durations', () => {
    assert.deepEqual(timingPhases({ dns: 1, connect: 3, tls: 6, firstByte: 10, download: 4, total: 14 }).map((p) => [p.name, p.ms]),
      [['dns', 1], ['connect', 2], ['tls', 3], ['wait', 4], ['download', 4]]);
    // a reused connection has no dns/connect/tls
    assert.deepEqual(timingPhases({ firstByte: 5, download: 1, total: 6 }).map((p) => [p.name, p.ms]), [['wait', 5], ['download', 1]]);
  });

  it('masks the request for display and sends only the first piece of a large body', () => {
    const body = Buffer.from(JSON.stringify({ data: 'y'.repeat(FIRST_CHUNK_CHARS * 2) }));
    const { state, text } = buildViewState({ id: 7, title: 't', request, response: response('application/json', body), body, durationMs: 12.4 });
    assert.equal(state.url.includes('abc'), false);
    assert.deepEqual(state.requestHeaders[0], ['Authorization', 'Bearer ••••••']);
    assert.equal(state.body.view, 'json');
    assert.equal(state.body.firstChunk.length, FIRST_CHUNK_CHARS);
    assert.equal(state.body.totalChars, text.length);
    assert.equal(text.length, body.length);
    assert.equal(state.statusText, '200 OK');
    assert.equal(state.durationMs, 12);
  });

  it('shows images as a data: URI and a failed request as No response', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const img = buildViewState({ id: 1, title: 'i', request, response: response('image/png', png), body: png, durationMs: 1 }).state;
    assert.equal(img.body.imageDataUri, `data:image/png;base64,${png.toString('base64')}`);
    assert.equal(img.body.totalChars, 0);
    const failed = buildViewState({ id: 2, title: 'f', request, durationMs: 3, error: 'Could not connect' }).state;
    assert.equal(failed.statusText, 'No response');
    assert.equal(failed.status, undefined);
    assert.equal(failed.error, 'Could not connect');
  });

  it('writes the full response as status line, headers, blank line, body', () => {
    const text = fullResponseText(response('text/plain', Buffer.from('hi')), Buffer.from('hi')).toString();
    assert.equal(text, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi');
  });

  it('suggests a file name from the URL and the content type', () => {
    assert.equal(suggestedFileName('http://h/api/users?x=1', 'application/json'), 'users.json');
    assert.equal(suggestedFileName('http://h/logo.png', 'image/png'), 'logo.png');
    assert.equal(suggestedFileName('http://h/', 'image/svg+xml'), 'response.svg');
  });

  it('summarises assertions for the CodeLens', () => {
    assert.equal(assertionSummary([]), undefined);
    assert.equal(assertionSummary([{ passed: true }, { passed: true }, { passed: false, skipped: true }]), '✓ 2/2');
    assert.equal(assertionSummary([{ passed: true }, { passed: false }, { passed: false }]), '✗ 1/3');
  });

  it('builds a body-less state for a history entry', () => {
    const s = historyViewState(3, { label: 'x', method: 'GET', url: 'http://h/', status: 404, statusText: '404 Not Found', durationMs: 5, headers: [['Content-Type', 'text/plain']], size: 10 });
    assert.equal(s.fromHistory, true);
    assert.equal(s.contentType, 'text/plain');
    assert.match(s.body.note ?? '', /not kept/);
  });
});
