import * as assert from 'node:assert/strict';
import { messageToHttpRequest } from '../../../src/core/discord/httpFile';
import { defaultSampleContext, findSample } from '../../../src/core/discord/samples';

describe('discord/httpFile', () => {
  it('writes a JSON sample as a .http request with the URL as a variable', () => {
    const msg = findSample('plain-text')!.build(defaultSampleContext({ counter: 2 }));
    const { text, files } = messageToHttpRequest(msg, { title: 'Plain text', wait: true });
    assert.deepEqual(files, []);
    const lines = text.split('\n');
    assert.equal(lines[0], '### Plain text');
    assert.equal(lines[2], 'POST {{discordWebhookUrl}}?wait=true');
    assert.equal(lines[3], 'Content-Type: application/json');
    assert.equal(lines[4], '');
    assert.deepEqual(JSON.parse(lines.slice(5).join('\n')), msg.payload);
  });

  it('writes the file sample as multipart with payload_json and a file reference; thread_id goes in the query', () => {
    const msg = findSample('file-upload')!.build(defaultSampleContext({ counter: 5 }));
    const { text, files } = messageToHttpRequest({ ...msg, threadId: '9' }, { title: 'File', boundary: 'B' });
    assert.equal(files.length, 1);
    assert.match(text, /^POST \{\{discordWebhookUrl\}\}\?thread_id=9$/m);
    assert.match(text, /^Content-Type: multipart\/form-data; boundary=B$/m);
    assert.match(text, /--B\nContent-Disposition: form-data; name="payload_json"\nContent-Type: application\/json\n\n\{/);
    assert.match(text, /--B\nContent-Disposition: form-data; name="files\[0\]"; filename="chart-5\.png"\nContent-Type: image\/png\n\n< \.\/chart-5\.png\n--B--\n$/);
  });
});
