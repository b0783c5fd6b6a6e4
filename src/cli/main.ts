export async function main(argv: readonly string[]): Promise<void> {
  process.stderr.write(`vault-git: not yet: ${argv.join(' ')}\n`);
}
