#!/usr/bin/env bash
# Usage: deb_in_debian.sh DEB CACHE
# Installs DEB with apt-get into a bare Debian 12 root (debootstrap --variant=minbase from
# Debian's archive; the pristine root is kept in CACHE and copied for each run) and runs the
# installed fargate-doctor there: --version, demo, explain, and the files the package must put
# in place. apt-get resolves the package's Depends from the archive, so a missing or wrong
# dependency fails here.
# Exit: 0 passed, 1 failed, 77 skipped (the reason on the last line).
set -uo pipefail
deb=$(realpath "$1") cache=$2
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root for debootstrap and chroot"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
mkdir -p "$cache"
exec 9>"$cache/.lock" && flock 9   # one debootstrap at a time into the shared pristine root
if [ ! -x "$cache/pristine/usr/bin/apt-get" ]; then
  rm -rf "$cache/pristine"
  debootstrap --variant=minbase bookworm "$cache/pristine" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || { tail -5 "$cache/debootstrap.log"; rm -rf "$cache/pristine"; skip "debootstrap of bookworm from $mirror failed (log above)"; }
fi
flock -u 9
# A copy per run, so two runs (two build folders, a retried test) never share one.
root=$(mktemp -d "$cache/run.XXXXXX") && cp -a "$cache/pristine/." "$root/" || exit 1
trap 'rm -rf "$root"' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
# The CA of a TLS-inspecting proxy, when the host has one, as on any machine behind it.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
# The checks run inside the root, as its own shell script.
cat > "$root/tmp/check.sh" <<'CHECK'
set -u
fail() { echo "FAILED: $*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/tmp/apt.log 2>&1 || { tail -5 /tmp/apt.log; echo "SKIPPED: apt-get update failed in the root (no archive?)"; exit 77; }
apt-get install -y -qq --no-install-recommends /tmp/*.deb >/tmp/apt.log 2>&1 || { tail -20 /tmp/apt.log; fail "apt-get install of the .deb"; }
command -v fargate-doctor >/dev/null || fail "fargate-doctor is not on PATH after install"
fargate-doctor --version | head -1 | grep -qx "fargate-doctor $(dpkg-query -W -f='${Version}' fargate-doctor)" \
  || fail "--version does not print the package's version: $(fargate-doctor --version | head -1)"
fargate-doctor demo > /tmp/demo.txt 2>&1; rc=$?
[ $rc = 1 ] || { cat /tmp/demo.txt; fail "demo exited $rc, expected 1 (its blocker)"; }
grep -q "BLOCKED" /tmp/demo.txt || fail "demo printed no BLOCKED verdict"
fargate-doctor explain NET002 | grep -q NET002 || fail "explain NET002"
for f in /usr/share/man/man1/fargate-doctor.1.gz /usr/share/bash-completion/completions/fargate-doctor \
         /usr/share/zsh/vendor-completions/_fargate-doctor /usr/share/fish/vendor_completions.d/fargate-doctor.fish \
         /usr/share/doc/fargate-doctor/copyright /usr/share/doc/fargate-doctor/changelog.gz; do
  [ -s "$f" ] || fail "$f is missing"
done
fargate-doctor completion bash | cmp -s - /usr/share/bash-completion/completions/fargate-doctor \
  || fail "the installed bash completion differs from the binary's"
echo "PASSED: $(fargate-doctor --version | head -1) installed with apt-get, demo ran (exit 1, its blocker)"
CHECK
# No mounts: debootstrap made the device nodes apt and dpkg need, and nothing here needs /proc,
# so the run leaves nothing mounted behind, even when killed (and works inside a chroot, where
# a private mount namespace cannot be made).
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  bash -c "update-ca-certificates >/dev/null 2>&1; bash /tmp/check.sh"
