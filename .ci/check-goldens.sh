#!/usr/bin/env bash
# Runs every differential test guest (glibc-shim/prebuilt/diff-*.elf) on QEMU and compares
# its console output with glibc-shim/golden/<name>.txt. With --update, rewrites the goldens.
# The goldens were produced by QEMU 7.2 (Debian bookworm) with -M virt -cpu max.
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
[ "${1:-}" = "--update" ] && update=1
if ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "check-goldens: installing qemu-system-arm" >&2
    (apt-get update -qq && apt-get install -y -qq qemu-system-arm) >/dev/null
  else
    echo "check-goldens: qemu-system-aarch64 not found (apt-get install qemu-system-arm)" >&2
    exit 1
  fi
fi
echo "check-goldens: $(qemu-system-aarch64 --version | head -1)"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# judge NAME RC LAST-LINE: compare (or, with --update, store) $tmp/NAME.txt against its golden.
judge() {
  local name=$1 rc=$2 last=$3 golden=glibc-shim/golden/$1.txt
  if [ "$rc" != 0 ] || [ "$(tail -n 1 "$tmp/$name.txt")" != "$last" ]; then
    echo "check-goldens: $name: QEMU exit $rc or no '$last' line" >&2
    cat "$tmp/$name.err" >&2
    fail=1
  elif [ $update = 1 ]; then
    cp "$tmp/$name.txt" "$golden"
    echo "check-goldens: updated $golden ($(wc -l <"$golden") lines)"
  elif ! diff -u "$golden" "$tmp/$name.txt" >"$tmp/$name.diff"; then
    echo "check-goldens: $name differs from $golden:" >&2
    head -n 20 "$tmp/$name.diff" >&2
    fail=1
  else
    echo "check-goldens: $name ok ($(wc -l <"$golden") lines)"
  fi
}

for elf in glibc-shim/prebuilt/diff-*.elf; do
  name=$(basename "$elf" .elf)
  rc=0
  timeout 120 qemu-system-aarch64 -M virt -cpu max -nographic -no-reboot -kernel "$elf" \
    </dev/null >"$tmp/$name.txt" 2>"$tmp/$name.err" || rc=$?
  judge "$name" $rc "DIFF-DONE"
done
# The virtio-blk guest needs a disk: sector 0 = bytes 0..255 twice, 128 sectors; virtio-mmio
# version 2 (QEMU 7.2 defaults to the legacy version 1 on virt).
name=virtio-blk
python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256))*2 + bytes(512*127))" >"$tmp/disk.img"
rc=0
timeout 120 qemu-system-aarch64 -M virt -cpu max -nographic -no-reboot -global virtio-mmio.force-legacy=false \
  -kernel glibc-shim/prebuilt/$name.elf -drive file="$tmp/disk.img",if=none,id=hd0,format=raw \
  -device virtio-blk-device,drive=hd0,serial=ARMACH-SERIAL-123456789 </dev/null >"$tmp/$name.txt" 2>"$tmp/$name.err" || rc=$?
judge "$name" $rc "virtio-blk: done"
exit $fail
