import { main as helperMain } from '../helper/main.js';

/**
 * `vault-git credential ...` is the credential helper again (for `credential.helper = !vault-git credential`),
 * so it must stay on the hot path: the CLI parser and every command module load only for other verbs.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'credential') {
  void helperMain(argv.slice(1));
} else {
  void import('../cli/main.js').then((cli) => cli.main(argv));
}
