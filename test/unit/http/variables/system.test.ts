import * as assert from 'node:assert/strict';
import { parseHttp } from '../../../../src/core/http/parse';
import { VariableResolver, resolveEnvironment } from '../../../../src/core/http/variables';
import { formatDate } from '../../../../src/core/http/variables/datetime';
import { fakeHost, FIXED_NOW } from './helpers';

async function sub(text: string, opts: { env?: Record<string, string>; dotenv?: string; envVars?: Record<string, string> } = {}) {
  const environment = resolveEnvironment({ restClient: { dev: opts.envVars ?? {} }, dotenv: opts.dotenv }, 'dev').environment;
  const r = new VariableResolver({ document: parseHttp(''), environment, host: fakeHost({ env: opts.env }) });
  const value = await r.substitute(text, 0);
  return { value, diagnostics: r.diagnostics };
}

describe('system variables', () => {
  it('$guid, $uuid and $random.uuid give a fresh UUID each time', async () => {
    const { value } = await sub('{{$guid}} {{$uuid}} {{$random.uuid}}');
    assert.equal(value, '00000000-0000-4000-8000-000000000001 00000000-0000-4000-8000-000000000002 00000000-0000-4000-8000-000000000003');
  });

  it('$randomInt min max stays in [min, max)', async () => {
    for (let i = 0; i < 20; i++) {
      const n = Number((await sub('{{$randomInt -5 5}}')).value);
      assert.ok(Number.isInteger(n) && n >= -5 && n < 5, String(n));
    }
  });

  it('$timestamp with and without an offset', async () => {
    const now = Math.floor(FIXED_NOW.getTime() / 1000);
    assert.equal((await sub('{{$timestamp}}')).value, String(now));
    assert.equal((await sub('{{$timestamp -1 d}}')).value, String(now - 86400));
    assert.equal((await sub('{{$timestamp 2 h}}')).value, String(now + 7200));
  });

  it('$isoTimestamp and $datetime rfc1123 / iso8601 / custom formats with offsets', async () => {
    assert.equal((await sub('{{$isoTimestamp}}')).value, '2024-03-05T07:08:09.123Z');
    assert.equal((await sub('{{$datetime rfc1123}}')).value, 'Tue, 05 Mar 2024 07:08:09 GMT');
    assert.equal((await sub('{{$datetime iso8601 1 d}}')).value, '2024-03-06T07:08:09.123Z');
    assert.equal((await sub('{{$datetime "YYYY-MM-DD HH:mm:ss"}}')).value, '2024-03-05 07:08:09');
    assert.equal((await sub("{{$datetime 'DD.MM.YYYY' 3 d}}")).value, '08.03.2024');
    assert.equal((await sub('{{$datetime "YYYY [year] MMM"}}')).value, '2024 year Mar');
  });

  it('$localDatetime formats in the local time zone', async () => {
    assert.equal((await sub('{{$localDatetime "YYYY-MM-DD HH:mm"}}')).value, formatDate(FIXED_NOW, 'YYYY-MM-DD HH:mm', true));
    assert.match((await sub('{{$localDatetime iso8601}}')).value, /^2024-03-0\dT\d\d:\d\d:09\.123[+-]\d\d:\d\d$/);
  });

  it('$processEnv NAME and $processEnv %NAME (the name is looked up in the environment first)', async () => {
    const env = { API_KEY_DEV: 'k-dev', PLAIN: 'p' };
    assert.equal((await sub('{{$processEnv PLAIN}}', { env })).value, 'p');
    assert.equal((await sub('{{$processEnv %keyName}}', { env, envVars: { keyName: 'API_KEY_DEV' } })).value, 'k-dev');
  });

  it('$dotenv NAME and $dotenv %NAME read the .env file (parsed by dotenv)', async () => {
    const dotenv = 'SECRET="s 1"\n# comment\nOTHER=o\n';
    assert.equal((await sub('{{$dotenv SECRET}}', { dotenv })).value, 's 1');
    assert.equal((await sub('{{$dotenv %which}}', { dotenv, envVars: { which: 'OTHER' } })).value, 'o');
  });

  it('JetBrains $random.* variables', async () => {
    const { value } = await sub('{{$random.integer(10, 20)}}|{{$random.alphabetic(6)}}|{{$random.alphanumeric(4)}}|{{$random.hexadecimal(8)}}|{{$random.email}}|{{$random.integer(100000)}}');
    const [int, alpha, alnum, hex, email, one] = value.split('|');
    assert.ok(Number(int) >= 10 && Number(int) < 20);
    assert.match(alpha, /^[a-zA-Z]{6}$/);
    assert.match(alnum, /^\w{4}$/);
    assert.match(hex, /^[0-9a-f]{8}$/);
    assert.match(email, /^[a-z]+@[a-z]+\.com$/);
    assert.ok(Number(one) >= 0 && Number(one) < 100000);
  });

  it('an unknown or failing system variable is an unresolved-variable diagnostic and stays as written', async () => {
    const { value, diagnostics } = await sub('a {{$nope}} b {{$processEnv MISSING}} c {{$timestamp 1 parsecs}}');
    assert.equal(value, 'a {{$nope}} b {{$processEnv MISSING}} c {{$timestamp 1 parsecs}}');
    assert.deepEqual(diagnostics.map((d) => d.code), ['unresolved-variable', 'unresolved-variable', 'unresolved-variable']);
    assert.match(diagnostics[1].message, /MISSING/);
    assert.match(diagnostics[2].message, /unknown time unit 'parsecs'/);
  });
});
