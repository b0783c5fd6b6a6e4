import { writeCodeCaches } from '../hot/writeCodeCaches.js';

// `node dist/code-cache.cjs`: (re)writes the credential helper's V8 code caches for the Node running it.
writeCodeCaches(__dirname, require).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`vault-git: could not write the credential helper's code caches (${error instanceof Error ? error.message : String(error)}); the helper works without them, a few milliseconds slower\n`);
    process.exit(1);
  },
);
