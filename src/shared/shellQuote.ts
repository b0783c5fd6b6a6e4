/** Single-quotes a word for a POSIX shell: nothing inside is interpreted. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The word as is when a shell would read it back unchanged, else quoted (for `KEY=value` files). */
export function shellQuoteIfNeeded(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : shellQuote(word);
}
