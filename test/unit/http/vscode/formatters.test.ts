import * as assert from 'node:assert/strict';
import { createJsonFormatter, createXmlFormatter } from '../../../../src/webviews/response/formatters';

function inPieces(make: typeof createJsonFormatter, text: string, size: number): string {
  const f = make();
  let out = '';
  for (let i = 0; i < text.length; i += size) out += f.push(text.slice(i, i + size));
  return out + f.end();
}

describe('response panel formatters', () => {
  const value = { a: 1, b: [true, null, 'x, "y": {z}'], c: { d: [], e: {}, f: 'back\\slash \\" quote' }, g: -1.5e3 };
  const compact = JSON.stringify(value);

  it('indents JSON exactly like JSON.stringify(v, null, 2)', () => {
    assert.equal(inPieces(createJsonFormatter, compact, compact.length), JSON.stringify(value, null, 2));
  });

  it('gives the same JSON output whatever the piece boundaries', () => {
    const whole = JSON.stringify(value, null, 2);
    for (const size of [1, 2, 3, 5, 7, 16]) assert.equal(inPieces(createJsonFormatter, compact, size), whole, `pieces of ${size}`);
  });

  it('re-indents JSON that already has whitespace', () => {
    assert.equal(inPieces(createJsonFormatter, JSON.stringify(value, null, '\t'), 9), JSON.stringify(value, null, 2));
  });

  it('keeps malformed JSON readable without dropping characters', () => {
    const out = inPieces(createJsonFormatter, '<html>oops</html>', 4);
    assert.equal(out, '<html>oops</html>');
  });

  it('puts XML tags on their own lines and keeps short text elements inline', () => {
    const xml = '<?xml version="1.0"?><root><item id="1"><name>Ada</name><empty/></item><!-- a > b --><![CDATA[<x>]]></root>';
    const expected = [
      '<?xml version="1.0"?>',
      '<root>',
      '  <item id="1">',
      '    <name>Ada</name>',
      '    <empty/>',
      '  </item>',
      '  <!-- a > b -->',
      '  <![CDATA[<x>]]>',
      '</root>',
    ].join('\n');
    assert.equal(inPieces(createXmlFormatter, xml, xml.length), expected);
    for (const size of [1, 3, 8]) assert.equal(inPieces(createXmlFormatter, xml, size), expected, `pieces of ${size}`);
  });

  it('formats a 10 MB JSON body in 1 MB pieces with the same result as in one go', () => {
    const big = JSON.stringify({ items: Array.from({ length: 60000 }, (_, i) => ({ id: i, note: 'x'.repeat(160) })) });
    assert.ok(big.length > 9 * 1024 * 1024);
    const f = createJsonFormatter();
    const parts: string[] = [];
    for (let i = 0; i < big.length; i += 1024 * 1024) parts.push(f.push(big.slice(i, i + 1024 * 1024)));
    assert.equal(parts.join(''), JSON.stringify(JSON.parse(big), null, 2));
  });
});
