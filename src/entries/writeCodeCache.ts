import { writeHotCodeCache } from '../hot/writeHotCodeCache.js';

// `node dist/code-cache.cjs`: (re)writes the credential helper's V8 code cache for the Node running it.
writeHotCodeCache(__dirname, require).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`vault-git: could not write the credential helper's code cache (${error instanceof Error ? error.message : String(error)}); the helper works without it, a few milliseconds slower\n`);
    process.exit(1);
  },
);
