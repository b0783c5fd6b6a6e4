import { distDirectory, requireFromDist } from './distDirectory.js';
import { loadFullHelper, loadHotPath } from './loadHotPath.js';

/**
 * `vault-git credential ...` is the credential helper again (for `credential.helper = !vault-git credential`),
 * so it takes the same hot path as git-credential-vault, loaded the same way: a static import, because the
 * lazy-module wrapper and the promise a dynamic import() costs put it behind the helper on every git request.
 * The CLI parser and every command module load only for other verbs.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'credential') {
  const dist = distDirectory(__dirname);
  const requireInDist = requireFromDist(dist, require);
  void loadHotPath(dist, requireInDist).runHotGet(argv.slice(1), () => loadFullHelper(dist, requireInDist));
} else if (argv[0] === '__complete') {
  // Every Tab of the completion scripts: no CLI parser, no vault.
  void import('../cli/completion/runComplete.js').then((complete) => complete.runComplete(argv.slice(1), process.env).then(() => process.exit(0)));
} else {
  void import('../cli/main.js').then((cli) => cli.main(argv));
}
