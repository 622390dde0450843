#!/bin/sh
# Installs a fargate-doctor release, the static x86_64 Linux tarball of `make static`, and
# prints the folder holding the binary (for PATH) as its only line on stdout.
#
# usage: install.sh VERSION
# Environment:
#   FD_REPOSITORY   owner/name of the GitHub repository whose release to fetch (required unless
#                   FD_RELEASE_URL is set)
#   FD_RELEASE_URL  the tarball's URL instead (file:// works: tests and mirrors)
#   FD_INSTALL_DIR  where to unpack (default: $HOME/.local/fargate-doctor)
set -eu
version=${1:-}
[ -n "$version" ] || [ -n "${FD_RELEASE_URL:-}" ] || { echo "install.sh: no version given" >&2; exit 2; }
if [ -z "${FD_RELEASE_URL:-}" ] && [ -z "${FD_REPOSITORY:-}" ]; then
  echo "install.sh: set FD_REPOSITORY (owner/name on GitHub) or FD_RELEASE_URL" >&2; exit 2
fi
url=${FD_RELEASE_URL:-https://github.com/${FD_REPOSITORY:-}/releases/download/v$version/fargate-doctor-$version-x86_64-linux-static.tar.gz}
dir=${FD_INSTALL_DIR:-$HOME/.local/fargate-doctor}
mkdir -p "$dir"
curl -fsSL "$url" | tar -xz -C "$dir" --strip-components=1
"$dir/bin/fargate-doctor" --version | head -1 >&2
echo "$dir/bin"
