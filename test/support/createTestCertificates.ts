import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  readonly caFile: string;
  readonly key: Buffer;
  readonly cert: Buffer;
}

/** A throwaway CA and a server certificate for the given host names, made with the openssl CLI. */
export function createTestCertificates(hostnames: readonly string[]): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'vault-git-ca-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=vault-git test CA');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=vault-git test server');
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=${[...hostnames.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',')}\n`);
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
  return { caFile: join(dir, 'ca.crt'), key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) };
}
