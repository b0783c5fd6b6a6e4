/**
 * Whether a `[credential "<pattern>"]` section applies to a URL, by git's urlmatch rules (git ≥ 2.26):
 * same scheme; host equal, where `*` in the pattern stands for exactly one DNS label; same port (the
 * scheme's default when absent); the pattern's path a prefix of the URL's on whole segments; and a user in
 * the pattern must equal the URL's. A pattern without a scheme is a bare host, as git accepts too.
 */
export function matchCredentialUrl(pattern: string, url: string): boolean {
  const target = safeUrl(url);
  const wanted = safeUrl(pattern.includes('://') ? pattern : `${target?.protocol ?? 'https:'}//${pattern}`);
  if (!target || !wanted) return false;
  if (wanted.protocol !== target.protocol) return false;
  if (wanted.username && wanted.username !== target.username) return false;
  const wantedLabels = wanted.hostname.split('.');
  const targetLabels = target.hostname.split('.');
  if (wantedLabels.length !== targetLabels.length) return false;
  if (!wantedLabels.every((label, index) => label === '*' || label === targetLabels[index])) return false;
  if ((wanted.port || defaultPort(wanted.protocol)) !== (target.port || defaultPort(target.protocol))) return false;
  const wantedPath = wanted.pathname.replace(/\/+$/, '');
  const targetPath = target.pathname.replace(/\/+$/, '');
  return wantedPath === '' || targetPath === wantedPath || targetPath.startsWith(`${wantedPath}/`);
}

function defaultPort(protocol: string): string {
  return protocol === 'http:' ? '80' : protocol === 'https:' ? '443' : '';
}

function safeUrl(text: string): URL | undefined {
  try {
    // URL() would reject '*' in a host; stand in a placeholder label and put it back.
    const parsed = new URL(text.replace(/\*/g, 'wildcard-label'));
    parsed.hostname = parsed.hostname.replace(/wildcard-label/g, '*');
    return parsed;
  } catch {
    return undefined;
  }
}
