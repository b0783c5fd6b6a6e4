import { distDirectory, requireFromDist } from './distDirectory.js';
import { loadFullHelper, loadHotPath } from './loadHotPath.js';

// `git-credential-vault [--profile P] get|store|erase`: the hot path first, the full helper when needed.
const dist = distDirectory(__dirname);
const requireInDist = requireFromDist(dist, require);
void loadHotPath(dist, requireInDist).runHotGet(process.argv.slice(2), () => loadFullHelper(dist, requireInDist));
