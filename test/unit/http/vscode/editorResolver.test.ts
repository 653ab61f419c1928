import * as assert from 'node:assert/strict';
import { UserFacingError } from '../../../../src/core/common/errors';
import type { HttpResponse } from '../../../../src/core/http/model';
import { parseHttp } from '../../../../src/core/http/parse';
import type { NamedExchange, ResolveInput } from '../../../../src/core/http/run/ports';
import { GlobalStore } from '../../../../src/core/http/scripts/globalStore';
import { resolveEnvironment } from '../../../../src/core/http/variables';
import { createEditorResolver } from '../../../../src/vscode/http/editorResolver';

const text = [
  '@path = /v1',
  '### login',
  '# @name login',
  'POST {{baseUrl}}{{path}}/login',
  '',
  '### me',
  'GET {{baseUrl}}{{path}}/me?id={{$processEnv APIHOOK_UNIT_ID}}',
  'Authorization: Bearer {{login.response.body.$.token}}',
  'X-Script: {{fromScript}}',
  '',
].join('\n');

function input(blockIndex: number, responses: Map<string, NamedExchange> = new Map()): ResolveInput {
  const document = parseHttp(text);
  const globals = new GlobalStore();
  globals.set('fromScript', 'global-value');
  return { document, block: document.requests[blockIndex]!, filePath: '/tmp/x.http', requestVariables: new Map(), globals, responses };
}

describe('the editor resolver (variables module behind the runner port)', () => {
  const env = resolveEnvironment({ jetbrainsPublic: JSON.stringify({ dev: { baseUrl: 'http://127.0.0.1:1' } }) }, 'dev').environment;

  it('resolves environment, file, process and script variables and chained responses', async () => {
    process.env.APIHOOK_UNIT_ID = '42';
    const loginResponse = {
      status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['Content-Type', 'application/json']], body: { kind: 'buffer', data: Buffer.from('{"token":"t-9"}') },
      url: 'http://127.0.0.1:1/v1/login', redirects: [], timings: { firstByte: 1, download: 1, total: 2 }, request: { method: 'POST', url: '', headers: [] },
    } as HttpResponse;
    const responses = new Map<string, NamedExchange>([['login', { request: loginResponse.request, response: loginResponse, body: Buffer.from('{"token":"t-9"}') }]]);
    const r = await createEditorResolver({ environment: env }).resolve(input(1, responses));
    assert.equal(r.url, 'http://127.0.0.1:1/v1/me?id=42');
    assert.deepEqual(r.headers, [['Authorization', 'Bearer t-9'], ['X-Script', 'global-value']]);
  });

  it('throws a sentence naming the undefined variable and pointing at the environment picker', async () => {
    const none = resolveEnvironment({}, undefined).environment;
    await assert.rejects(createEditorResolver({ environment: none }).resolve(input(0)), (err: unknown) => {
      assert.ok(err instanceof UserFacingError);
      assert.match(err.message, /baseUrl/);
      assert.match(err.hint ?? '', /Switch Environment/);
      return true;
    });
  });
});
