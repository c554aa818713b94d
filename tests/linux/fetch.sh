#!/usr/bin/env bash
# Fetches Debian's arm64 Linux kernel and busybox-static and builds what LinuxBootTest boots:
#   $DIR/Image        the raw arm64 Image (Debian's vmlinuz; gunzipped if it is compressed)
#   $DIR/initramfs    an uncompressed newc cpio: busybox, /init, the virtio modules, minix.ko
#   $DIR/disk.img     an empty 8 MiB minix v3 file system (a template: the test boots a copy)
#   $DIR/VERSION      the kernel package name and version
# DIR is $ARMACH_LINUX_DIR, default ~/.cache/armach-linux (outside git: nothing here is committed).
# Idempotent: a second run with the same kernel package does nothing. Needs root for apt
# (dpkg --add-architecture arm64, apt-get update, installing cpio/e2fsprogs if missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DIR=${ARMACH_LINUX_DIR:-$HOME/.cache/armach-linux}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
export DEBIAN_FRONTEND=noninteractive
log() { echo "fetch-linux: $*" >&2; }

sudo_=()
[ "$(id -u)" = 0 ] || sudo_=(sudo -n)

missing=()
for pair in cpio:cpio mkfs.minix:util-linux xz:xz-utils zstd:zstd; do
  cmd=${pair%%:*}; pkg=${pair##*:}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  "${sudo_[@]}" dpkg --add-architecture arm64
fi
updated=0
update() { log "apt-get update"; "${sudo_[@]}" apt-get update -q >&2; updated=1; }
if [ ${#missing[@]} -gt 0 ]; then
  update
  "${sudo_[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
apt-cache show linux-image-arm64:arm64 >/dev/null 2>&1 || [ $updated = 1 ] || update

# The versioned kernel package the metapackage points to (e.g. linux-image-6.1.0-56-arm64).
resolve() {
  kpkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null | sed -n 's/^ *Depends: *\(linux-image-[0-9][^:]*\).*/\1/p' | head -1)
  [ -n "$kpkg" ] || { log "cannot resolve the kernel package of linux-image-arm64:arm64"; exit 1; }
  kver=$(apt-cache show "$kpkg:arm64" | sed -n 's/^Version: //p' | head -1)
  bver=$(apt-cache show busybox-static:arm64 | sed -n 's/^Version: //p' | head -1)
  # the recipe (this script, /init, crypto-selftest) is part of the stamp: changing either rebuilds
  stamp="$kpkg $kver busybox-static $bver recipe $(cat "$here/fetch.sh" "$here/init" "$here/crypto-selftest" | sha256sum | cut -c1-16)"
}
uptodate() {
  [ -f "$DIR/VERSION" ] && [ "$(cat "$DIR/VERSION")" = "$stamp" ] \
    && [ -s "$DIR/Image" ] && [ -s "$DIR/initramfs" ] && [ -s "$DIR/disk.img" ]
}
resolve
if uptodate; then log "up to date: $stamp ($DIR)"; exit 0; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# The .debs of the resolved versions, from the cache or downloaded.
deb_ok() { # package version
  local f
  for f in "$DIR/debs/$1"_*.deb; do
    [ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version 2>/dev/null)" = "$2" ] && return 0
  done
  return 1
}
if deb_ok "$kpkg" "$kver" && deb_ok busybox-static "$bver"; then
  log "using the cached packages in $DIR/debs"
else
  log "downloading $kpkg $kver and busybox-static $bver"
  # apt-get download writes into the current directory; _apt must be able to write it when root.
  chmod 777 "$work"
  if ! apt-get download -q "$kpkg:arm64" "busybox-static:arm64" >&2; then
    # The package lists may be older than the mirror (a newer kernel ABI replaced the old one).
    [ $updated = 1 ] && exit 1
    update
    resolve
    if uptodate; then log "up to date: $stamp ($DIR)"; exit 0; fi
    rm -f ./*.deb
    apt-get download -q "$kpkg:arm64" "busybox-static:arm64" >&2
  fi
  rm -rf "$DIR/debs"
  mkdir -p "$DIR/debs"
  cp ./*.deb "$DIR/debs/" && rm -f ./*.deb
fi
# Crypto modules LinuxBootTest's self-test boot loads (bin/crypto-selftest): AdvSIMD and
# scalar assembly that runs without the Crypto Extension, with their dependencies.
extra="libchacha libpoly1305 nhpoly1305 crct10dif_common sha256-arm64 sha512-arm64 poly1305-neon aes-neon-blk aes-neon-bs chacha-neon nhpoly1305-neon crct10dif-ce"
# Only what is used: the kernel, modules.builtin and the modules (the package unpacks to 400 MB).
# tar complains about patterns that match nothing (modules built in): what is missing is
# checked below.
mkdir kernel
{ dpkg-deb --fsys-tarfile "$(ls "$DIR/debs/${kpkg}"_*.deb | head -1)" \
  | tar -x -C kernel --wildcards --no-wildcards-match-slash '*/boot/vmlinuz-*' \
      --wildcards-match-slash '*/modules.builtin' '*/virtio.ko*' '*/virtio_ring.ko*' '*/virtio_mmio.ko*' '*/virtio_blk.ko*' '*/minix.ko*' \
      $(for m in $extra; do echo "*/$m.ko*"; done) 2>/dev/null || true; }
[ -n "$(ls kernel/boot/vmlinuz-* 2>/dev/null)" ] || { log "no vmlinuz in $kpkg"; exit 1; }
dpkg-deb -x "$(ls "$DIR"/debs/busybox-static_*.deb | head -1)" busybox

vmlinuz=$(ls kernel/boot/vmlinuz-* | head -1)
if [ "$(head -c2 "$vmlinuz" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
  gzip -dc "$vmlinuz" > Image
else
  cp "$vmlinuz" Image
fi
kernelrelease=${vmlinuz##*/vmlinuz-}

root=initramfs-root
mkdir -p $root/bin $root/sbin $root/proc $root/sys $root/dev $root/mnt $root/tmp $root/lib/modules $root/root $root/etc
cp busybox/bin/busybox $root/bin/busybox
# virtio and virtio_ring are built in in some of Debian's kernels (6.1.0-56) and modules in
# others; virtio_mmio and virtio_blk are modules; minix.ko (no dependencies, 70 KiB) gives the
# test a file system on the virtio disk far cheaper than ext4.ko + jbd2 + mbcache + crc16.
for m in virtio virtio_ring virtio_mmio virtio_blk minix; do
  f=$(find "kernel/lib/modules/$kernelrelease" \( -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" \) | head -1)
  if [ -z "$f" ]; then
    if grep -q "/$m.ko\$" "kernel/lib/modules/$kernelrelease/modules.builtin"; then
      log "$m is built into $kernelrelease"; continue
    fi
    log "module $m not found in $kpkg"; exit 1
  fi
  case $f in
    *.xz) xz -dc "$f" > "$root/lib/modules/$m.ko" ;;
    *.zst) zstd -qdc "$f" > "$root/lib/modules/$m.ko" ;;
    *.gz) gzip -dc "$f" > "$root/lib/modules/$m.ko" ;;
    *) cp "$f" "$root/lib/modules/$m.ko" ;;
  esac
done
install -m 755 "$here/init" $root/init
install -m 755 "$here/crypto-selftest" $root/bin/crypto-selftest
mkdir -p $root/lib/modules/extra
for m in $extra; do
  f=$(find "kernel/lib/modules/$kernelrelease" \( -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" \) | head -1)
  case $f in
    "") log "crypto module $m not in $kpkg (built in, or gone): skipped" ;;
    *.xz) xz -dc "$f" > "$root/lib/modules/extra/$m.ko" ;;
    *.zst) zstd -qdc "$f" > "$root/lib/modules/extra/$m.ko" ;;
    *) cp "$f" "$root/lib/modules/extra/$m.ko" ;;
  esac
done
# Device nodes the kernel needs before devtmpfs is mounted (the console for /init's stdio).
if [ "$(id -u)" = 0 ]; then
  mknod -m 600 $root/dev/console c 5 1
  mknod -m 666 $root/dev/null c 1 3
fi
(cd $root && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) > initramfs

rm -f disk.img
truncate -s 8M disk.img
mkfs.minix -3 disk.img >/dev/null

cp Image initramfs disk.img "$DIR/"
echo "$stamp" > "$DIR/VERSION"
echo "$kernelrelease" > "$DIR/RELEASE"
log "ready in $DIR: $stamp"
