import * as assert from 'node:assert/strict';
import { maskHeaders, maskSecrets, maskUrl } from '../../../../src/core/http/send';

describe('maskSecrets', () => {
  it('masks credentials in headers but keeps the auth scheme and cookie names', () => {
    const masked = maskSecrets({
      method: 'GET',
      url: 'https://user:pa55@api.example.test/v1?page=2&api_key=abc&access_token=t0k',
      headers: [
        ['Authorization', 'Bearer eyJhbGciOi'], ['Proxy-Authorization', 'Basic dXNlcjpwYXNz'], ['Cookie', 'sid=1; theme=dark'],
        ['X-Api-Key', 'k'], ['X-Auth-Token', 't'], ['X-Client-Secret', 's'], ['X-Signature', 'sig'], ['Accept', 'application/json'],
      ],
    });
    assert.deepEqual(masked.headers, [
      ['Authorization', 'Bearer ••••••'], ['Proxy-Authorization', 'Basic ••••••'], ['Cookie', 'sid=••••••; theme=••••••'],
      ['X-Api-Key', '••••••'], ['X-Auth-Token', '••••••'], ['X-Client-Secret', '••••••'], ['X-Signature', '••••••'], ['Accept', 'application/json'],
    ]);
    assert.ok(!masked.url.includes('pa55') && !masked.url.includes('abc') && !masked.url.includes('t0k'));
    assert.ok(masked.url.includes('page=2'));
    assert.ok(masked.url.startsWith('https://%E2%80%A2'));
  });

  it('leaves plain URLs untouched and masks Set-Cookie values only', () => {
    assert.equal(maskUrl('http://127.0.0.1:3000/a?b=c'), 'http://127.0.0.1:3000/a?b=c');
    assert.equal(maskUrl('{{base}}/x'), '{{base}}/x');
    assert.deepEqual(maskHeaders([['Set-Cookie', 'sid=abc; Path=/; HttpOnly'], ['Content-Type', 'text/plain']]),
      [['Set-Cookie', 'sid=••••••; Path=/; HttpOnly'], ['Content-Type', 'text/plain']]);
  });
});
