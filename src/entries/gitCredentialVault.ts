import { runHotGet } from '../hot/runHotGet.js';

// `git-credential-vault [--profile P] get|store|erase`: the hot path first, the full helper when needed.
void runHotGet(process.argv.slice(2));
