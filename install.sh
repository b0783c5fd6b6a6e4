#!/usr/bin/env bash
# Installs vault-git from this checkout: dependencies, the build, and the two commands on PATH.
# PREFIX (default ~/.local) chooses where: the commands go to $PREFIX/bin. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
prefix="${PREFIX:-$HOME/.local}"
bindir="$prefix/bin"

if ! command -v node >/dev/null 2>&1; then
  echo "install.sh: Node.js 20 or newer is required (https://nodejs.org)" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "install.sh: Node.js $(node --version) is too old; vault-git needs 20 or newer" >&2
  exit 1
fi

echo "install.sh: installing dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "install.sh: building"
npm run --silent build

mkdir -p "$bindir"
for command in vault-git git-credential-vault git-remote-codecommit; do
  ln -sfn "$here/bin/$command" "$bindir/$command"
done
echo "install.sh: linked vault-git, git-credential-vault and git-remote-codecommit into $bindir"

# git runs the first git-remote-codecommit on PATH (after its own exec-path) for codecommit:// remotes.
found=$(PATH="$(git --exec-path 2>/dev/null || true):$PATH" command -v git-remote-codecommit 2>/dev/null || true)
if [ -n "$found" ] && [ "$(readlink -f "$found")" != "$(readlink -f "$here/bin/git-remote-codecommit")" ]; then
  echo "install.sh: note: git will run $found for codecommit:// URLs (another git-remote-codecommit, e.g. the Python one, is earlier on PATH); put $bindir first in PATH to use vault-git's" >&2
fi

case ":$PATH:" in
  *":$bindir:"*) echo "install.sh: $bindir is on your PATH; try: vault-git --help" ;;
  *) echo "install.sh: add $bindir to your PATH, e.g. in ~/.profile:  export PATH=\"$bindir:\$PATH\"" ;;
esac
