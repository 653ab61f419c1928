import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { candidateDirs, mergeEnvironmentObjects } from '../../../../src/vscode/http/environmentLookup';

describe('environment lookup for a document', () => {
  const root = path.resolve('/ws');

  it('walks from the document folder up to the workspace folder', () => {
    assert.deepEqual(candidateDirs(path.join(root, 'api', 'users'), root), [path.join(root, 'api', 'users'), path.join(root, 'api'), root]);
    assert.deepEqual(candidateDirs(root, root), [root]);
  });

  it('looks beside a document outside the workspace, then in the workspace folder', () => {
    assert.deepEqual(candidateDirs(path.resolve('/elsewhere/x'), root), [path.resolve('/elsewhere/x'), root]);
    assert.deepEqual(candidateDirs(undefined, root), [root]);
    assert.deepEqual(candidateDirs(undefined, undefined), []);
  });

  it('merges REST Client environment objects section by section, the second winning', () => {
    const merged = mergeEnvironmentObjects(
      { $shared: { a: '1', b: '2' }, local: { host: 'rc' }, prod: { host: 'p' } },
      { $shared: { b: 'own' }, local: { host: 'own', extra: 'x' } },
    );
    assert.deepEqual(merged, { $shared: { a: '1', b: 'own' }, local: { host: 'own', extra: 'x' }, prod: { host: 'p' } });
  });
});
