import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeCodeCommitServer } from '../support/fakeCodeCommitServer.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { helperBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

const KEY_ID = 'AKIAVAULTGITTEST0001';
const SECRET = 'c2VjcmV0LWtleS1mb3ItdmF1bHQtZ2l0LXRlc3Rz';

describe('real git over HTTPS against a CodeCommit-like server', () => {
  let server: FakeCodeCommitServer;
  let isolated: IsolatedEnvironment;

  before(async () => {
    server = await FakeCodeCommitServer.start(['git-codecommit.us-east-1.amazonaws.com']);
    server.allowKey(KEY_ID, { secretAccessKey: SECRET });
    server.createRepository('demo');
    isolated = createIsolatedEnvironment();
  });
  after(async () => {
    await server.stop();
    isolated.cleanup();
  });

  const git = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) =>
    runProcess('git', [...server.gitOptions(), '-c', `credential.helper=${helperBin}`, '-c', 'credential.useHttpPath=true', ...args], { env, cwd: cwd ?? isolated.root });

  it('clones and pushes with the right key; the server saw signed requests only', async () => {
    const env = { ...isolated.env, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET };
    const clone = await git(['clone', '-q', server.repoUrl('demo'), 'work'], env);
    assert.equal(clone.code, 0, clone.stderr);
    const work = join(isolated.root, 'work');
    writeFileSync(join(work, 'file.txt'), 'hello\n');
    await runProcess('git', ['add', 'file.txt'], { env, cwd: work });
    await runProcess('git', ['commit', '-qm', 'pushed through vault-git'], { env, cwd: work });
    const push = await git(['push', '-q', 'origin', 'main'], env, work);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(server.headSubject('demo'), 'pushed through vault-git');
    const authenticated = server.requests.filter((r) => r.status === 200);
    assert.ok(authenticated.length >= 3);
    assert.ok(authenticated.every((r) => r.accessKeyId === KEY_ID));
  });

  it('a wrong secret gets 403 and git fails', async () => {
    const env = { ...isolated.env, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET.replace(/^c/, 'd') };
    const result = await git(['ls-remote', server.repoUrl('demo')], env);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /403/);
    assert.equal(server.requests.at(-1)?.reason, 'signature does not match');
  });

  it('a non-CodeCommit host is left to the other helpers', async () => {
    const env = { ...isolated.env, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET };
    const fill = await runProcess(
      'git',
      ['-c', `credential.helper=${helperBin}`, '-c', 'credential.helper=!f() { echo username=other; echo password=from-next-helper; }; f', 'credential', 'fill'],
      { env, input: 'protocol=https\nhost=github.com\npath=org/repo.git\n\n' },
    );
    assert.equal(fill.code, 0, fill.stderr);
    assert.match(fill.stdout, /username=other\npassword=from-next-helper/);
  });

  it('git credential fill shows the helper answering for CodeCommit and nothing else in stdout', async () => {
    const env = { ...isolated.env, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET };
    const fill = await runProcess('git', ['-c', `credential.helper=${helperBin}`, '-c', 'credential.useHttpPath=true', 'credential', 'fill'], {
      env,
      input: 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/demo\n\n',
    });
    assert.equal(fill.code, 0, fill.stderr);
    assert.match(fill.stdout, new RegExp(`^protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/demo\nusername=${KEY_ID}\npassword=\\d{8}T\\d{6}Z[0-9a-f]{64}\n`));
  });
});
