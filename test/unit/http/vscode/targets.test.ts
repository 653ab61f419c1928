import * as assert from 'node:assert/strict';
import { parseHttp } from '../../../../src/core/http/parse';
import { requestAt, runnerTarget } from '../../../../src/vscode/http/targets';

const text = [
  '@host = http://127.0.0.1:1', // 0
  '',
  '### first', // 2
  'GET {{host}}/a', // 3
  '',
  '### second', // 5
  '# @name login', // 6
  'POST {{host}}/login', // 7
  '',
  '###', // 9
  'GET {{host}}/c', // 10
  '',
].join('\n');

describe('which request a line points at', () => {
  const doc = parseHttp(text);

  it('finds the request whose block holds the line, else the one above', () => {
    assert.equal(requestAt(doc, 3)?.url, '{{host}}/a');
    assert.equal(requestAt(doc, 7)?.name, 'login');
    assert.equal(requestAt(doc, 6)?.name, 'login');
    assert.equal(requestAt(doc, 11)?.url, '{{host}}/c');
    assert.equal(requestAt(doc, 0)?.url, '{{host}}/a');
    assert.equal(requestAt(parseHttp(''), 0), undefined);
  });

  it('asks the runner by name when the name is unique, else by a unique title on a copy', () => {
    const named = runnerTarget(doc, doc.requests[1]!);
    assert.equal(named.name, 'login');
    assert.equal(named.document, doc);
    const titled = runnerTarget(doc, doc.requests[0]!);
    assert.equal(titled.name, 'first');
    const bare = runnerTarget(doc, doc.requests[2]!);
    assert.notEqual(bare.document, doc);
    assert.equal(bare.document.requests.filter((r) => r.title === bare.name || r.name === bare.name).length, 1);
    assert.equal(bare.document.requests[2]!.url, '{{host}}/c');
    assert.equal(doc.requests[2]!.title, undefined, 'the parsed document is not changed');
  });
});
