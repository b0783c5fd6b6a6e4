// Replaced with package.json's version when the bundles are built (scripts/build.mjs); "dev" elsewhere.
declare const __VAULT_GIT_VERSION__: string | undefined;

export const VERSION: string = typeof __VAULT_GIT_VERSION__ === 'string' ? __VAULT_GIT_VERSION__ : 'dev';
