import { gitConfig, runGit } from '../git/runGit.js';
import { isVaultHelper } from '../git/classifyHelper.js';

export interface SetupTarget {
  readonly remote: string;
  readonly url: string;
  readonly helperValue: string;
}

/**
 * Writes one remote's setup with `git config` only (never by editing the file): the remote's URL and,
 * if it has none, the default fetch refspec; then a credential section scoped to exactly that URL holding
 * the `helper =` reset, our helper, and useHttpPath. Running it twice changes nothing; running it with
 * another profile replaces the helper line; other remotes and sections are left alone, except the
 * section of this remote's previous CodeCommit URL when that section is ours.
 */
export async function applySetup(target: SetupTarget, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const previous = (await runGit(['config', '--get', `remote.${target.remote}.url`], options)).stdout.trim();
  await gitConfig(['--local', `remote.${target.remote}.url`, target.url], options);
  const fetch = await runGit(['config', '--get-all', `remote.${target.remote}.fetch`], options);
  if (fetch.stdout.trim() === '') await gitConfig(['--local', '--add', `remote.${target.remote}.fetch`, `+refs/heads/*:refs/remotes/${target.remote}/*`], options);

  if (previous && previous !== target.url) {
    const old = await runGit(['config', '--local', '--get-all', `credential.${previous}.helper`], options);
    if (old.code === 0 && old.stdout.split('\n').filter(Boolean).every(isVaultHelper)) {
      await runGit(['config', '--local', '--remove-section', `credential.${previous}`], options);
    }
  }

  const section = `credential.${target.url}`;
  const current = await runGit(['config', '--local', '-z', '--get-all', `${section}.helper`], options);
  const helpers = current.code === 0 ? current.stdout.split('\0').slice(0, -1) : [];
  if (!(helpers.length === 2 && helpers[0] === '' && helpers[1] === target.helperValue)) {
    await gitConfig(['--local', '--unset-all', `${section}.helper`], options);
    // The empty value first: it clears every helper configured before it (system osxkeychain, global store…) for this URL.
    await gitConfig(['--local', '--add', `${section}.helper`, ''], options);
    await gitConfig(['--local', '--add', `${section}.helper`, target.helperValue], options);
  }
  const useHttpPath = await runGit(['config', '--local', '--type=bool', '--get', `${section}.useHttpPath`], options);
  if (useHttpPath.stdout.trim() !== 'true') await gitConfig(['--local', '--type=bool', `${section}.useHttpPath`, 'true'], options);
}
