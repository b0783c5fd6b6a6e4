import { loadFullHelper, loadHotPath } from './loadHotPath.js';

// `git-credential-vault [--profile P] get|store|erase`: the hot path first, the full helper when needed.
void loadHotPath(__dirname, require).runHotGet(process.argv.slice(2), () => loadFullHelper(__dirname, require));
