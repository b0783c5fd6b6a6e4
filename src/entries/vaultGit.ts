/**
 * `vault-git credential ...` is the credential helper again (for `credential.helper = !vault-git credential`),
 * so it takes the same hot path as git-credential-vault; the CLI parser and every command module load
 * only for other verbs.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'credential') {
  void import('./loadHotPath.js').then((hot) => hot.loadHotPath(__dirname, require).runHotGet(argv.slice(1)));
} else if (argv[0] === '__complete') {
  // Every Tab of the completion scripts: no CLI parser, no vault.
  void import('../cli/completion/runComplete.js').then((complete) => complete.runComplete(argv.slice(1), process.env).then(() => process.exit(0)));
} else {
  void import('../cli/main.js').then((cli) => cli.main(argv));
}
