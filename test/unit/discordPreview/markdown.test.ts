import * as assert from 'node:assert/strict';
import { parseMarkdown, type MdNode } from '../../../src/webviews/discordPreview/markdown';

/** A compact string form of the node tree, so expectations read like the markdown. */
function show(nodes: MdNode[]): string {
  return nodes.map((n) => {
    switch (n.t) {
      case 'text': return n.text;
      case 'br': return '⏎';
      case 'code': return `code(${n.text})`;
      case 'codeblock': return `block[${n.lang ?? ''}](${n.text})`;
      case 'link': return `link<${n.href}>(${show(n.children)})`;
      case 'mention': return `@${n.kind}${n.id ? `:${n.id}` : ''}`;
      case 'timestamp': return `time(${n.unix},${n.style})`;
      case 'emoji': return `emoji(${n.name})`;
      case 'heading': return `h${n.level}(${show(n.children)})`;
      default: return `${n.t}(${show(n.children)})`;
    }
  }).join('');
}
const md = (s: string, maskedLinks = true) => show(parseMarkdown(s, { maskedLinks }));

describe('Discord preview markdown tokenizer', () => {
  it('reads bold, italic, underline, strike and spoiler, nested', () => {
    assert.equal(md('**b** *i* _j_ __u__ ~~s~~ ||x||'), 'bold(b) italic(i) italic(j) underline(u) strike(s) spoiler(x)');
    assert.equal(md('***both***'), 'bold(italic(both))');
    assert.equal(md('*a **b** c*'), 'italic(a bold(b) c)');
    assert.equal(md('__*u i*__'), 'underline(italic(u i))');
  });

  it('leaves unclosed markers, snake_case words and escaped markers as text', () => {
    assert.equal(md('2 * 3 = 6 and **open'), '2 * 3 = 6 and **open');
    assert.equal(md('snake_case_name'), 'snake_case_name');
    assert.equal(md('\\*not italic\\*'), '*not italic*');
  });

  it('keeps code spans and code blocks literal', () => {
    assert.equal(md('run `**x**` now'), 'run code(**x**) now');
    assert.equal(md('before\n```js\nconst a = "**";\n```\nafter'), 'beforeblock[js](const a = "**";)after');
    assert.equal(md('```\nplain\n```'), 'block[](plain)');
  });

  it('reads quotes line by line and >>> to the end', () => {
    assert.equal(md('> one\n> two\nthree'), 'quote(one⏎two)three');
    assert.equal(md('a\n>>> rest\nof it'), 'aquote(rest⏎of it)');
  });

  it('reads headings and keeps line breaks in paragraphs', () => {
    assert.equal(md('# Title\nline 1\nline 2'), 'h1(Title)line 1⏎line 2');
  });

  it('reads masked links only when allowed, bare links always, and only http(s)', () => {
    assert.equal(md('[docs](https://example.com/a)'), 'link<https://example.com/a>(docs)');
    assert.equal(md('[docs](https://example.com/a)', false), '[docs](link<https://example.com/a>(https://example.com/a))');
    assert.equal(md('see https://example.com/x.'), 'see link<https://example.com/x>(https://example.com/x).');
    assert.equal(md('[x](javascript:alert(1))'), '[x](javascript:alert(1))');
  });

  it('shows mentions, timestamps and custom emoji as such', () => {
    assert.equal(md('<@80351110224678912> <@!1> <#2> <@&3> @everyone @here'), '@user:80351110224678912 @user:1 @channel:2 @role:3 @everyone @here');
    assert.equal(md('<t:1700000000:R> <t:1700000000>'), 'time(1700000000,R) time(1700000000,f)');
    assert.equal(md('<:party:123> <a:wave:456>'), 'emoji(party) emoji(wave)');
  });
});
