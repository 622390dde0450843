#!/usr/bin/env bash
# Runs `make demo` and `make test` the way a new user would: in a bare Debian 12 root made by
# debootstrap from Debian's archive (only make, git, python3 and certificates inside), from a
# clean clone of this repository's HEAD with ../shared beside it. What `make` must install it
# installs there with apt-get, so a missing install step fails here even where this machine
# has the package. Needs root and debootstrap; leaves the root in ROOT for a second look.
#
# usage: tools/fresh_debian.sh [ROOT]      (default /tmp/fd-fresh-bookworm; reused when present)
#        FD_FRESH_REUSE=1 tools/fresh_debian.sh ROOT   (update the root's clone, keep its builds)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="${1:-/tmp/fd-fresh-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
[ "$(id -u)" = 0 ] || { echo "needs root (debootstrap, chroot)"; exit 2; }
command -v debootstrap >/dev/null || { echo "SKIPPED: debootstrap is not installed (apt-get install debootstrap)"; exit 0; }
if [ ! -x "$root/usr/bin/make" ]; then
  debootstrap --variant=minbase --include=make,git,python3,ca-certificates bookworm "$root" "$mirror"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
if [ "${FD_FRESH_REUSE:-}" = 1 ] && [ -d "$root/work/main/.git" ]; then
  # Re-run after a fix: the root's clone moves to this HEAD and keeps its build folders, so only
  # what changed is rebuilt (the first run of a root is always from a clean clone).
  git -C "$root/work/main" fetch -q "$here" HEAD && git -C "$root/work/main" reset -q --hard FETCH_HEAD
else
  rm -rf "$root/work" && mkdir -p "$root/work"
  git clone -q "$here" "$root/work/main"
fi
[ -d "$here/../shared" ] && [ ! -d "$root/work/shared" ] && cp -r "$here/../shared" "$root/work/shared"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
mountpoint -q "$root/dev/pts" || mount --bind /dev/pts "$root/dev/pts"
trap 'umount "$root/dev/pts" "$root/proc" "$root/dev" 2>/dev/null || true' EXIT
# A network that reaches the registries through a TLS-inspecting proxy needs its CA on every
# machine behind it, a fresh one included: the host's local CAs are copied in.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt bash -c 'cd /work/main && make demo && make test'
