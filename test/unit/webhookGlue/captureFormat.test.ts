import * as assert from 'node:assert/strict';
import { base64ToBytes, formPairs, hexDump, imageType, looksLikeText, prettyJson, prettyXml, queryPairs } from '../../../src/webviews/captures/format';

describe('capture panel body formatting (webview, pure functions)', () => {
  it('hex-dumps bytes with offsets and a printable column', () => {
    const dump = hexDump(new Uint8Array([0x00, 0x41, 0x42, 0xff, ...new Array(14).fill(0x2e)]));
    const lines = dump.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^00000000 {2}00 41 42 ff 2e 2e 2e 2e {2}2e 2e 2e 2e 2e 2e 2e 2e {2}\.AB\.{13}$/);
    assert.match(lines[1], /^00000010 {2}2e 2e /);
  });

  it('caps the hex dump', () => {
    assert.equal(hexDump(new Uint8Array(1000), 32).split('\n').length, 2);
  });

  it('pretty-prints JSON and leaves invalid JSON alone', () => {
    assert.equal(prettyJson('{"a":[1,2]}'), '{\n  "a": [\n    1,\n    2\n  ]\n}');
    assert.equal(prettyJson('{"a":'), undefined);
  });

  it('indents XML by depth and keeps text on its element line', () => {
    assert.equal(prettyXml('<?xml version="1.0"?><a><b>text</b><c/></a>'), '<?xml version="1.0"?>\n<a>\n  <b>text</b>\n  <c/>\n</a>');
  });

  it('decodes urlencoded forms and queries, duplicates kept', () => {
    assert.deepEqual(formPairs('a=1&b=x+y&a=%3Cb%3E'), [['a', '1'], ['b', 'x y'], ['a', '<b>']]);
    assert.deepEqual(queryPairs('/p?x=1&x=2'), [['x', '1'], ['x', '2']]);
    assert.deepEqual(queryPairs('/p'), []);
  });

  it('tells text from binary', () => {
    assert.equal(looksLikeText(new TextEncoder().encode('héllo {"a":1}\n')), true);
    assert.equal(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])), false);
  });

  it('previews raster images only, never SVG', () => {
    assert.equal(imageType('image/png'), 'image/png');
    assert.equal(imageType('IMAGE/JPEG; q=1'), 'image/jpeg');
    assert.equal(imageType('image/svg+xml'), undefined);
    assert.equal(imageType(undefined), undefined);
  });

  it('decodes base64 slices to bytes', () => {
    assert.deepEqual([...base64ToBytes(Buffer.from([0, 1, 254, 255]).toString('base64'))], [0, 1, 254, 255]);
  });
});
