#!/usr/bin/env bash
# MIPS benchmark: runs glibc-shim/prebuilt/bench-coremark-like.elf on qemu-system-aarch64 and
# on armach (`armach run ... --stats`), checks that both printed the same checksum line, and
# reports MIPS for both. The retired-instruction count comes from armach's --stats (the binary
# and its instruction stream are deterministic, so the count is the same on QEMU); QEMU MIPS is
# that count divided by QEMU's wall time (best of N runs, QEMU start-up included).
# Usage: bench/mips.sh [--runs N] [--elf path] [--qemu-only]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
elf=glibc-shim/prebuilt/bench-coremark-like.elf
qemu_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --elf) elf=$2; shift 2 ;;
    --qemu-only) qemu_only=1; shift ;;
    *) echo "usage: $0 [--runs N] [--elf path] [--qemu-only]" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
checksum() { grep -m1 '^coremark-like:' "$1" || true; }

# ---- QEMU ----
command -v qemu-system-aarch64 >/dev/null || { echo "mips: qemu-system-aarch64 not found" >&2; exit 1; }
qemu_best=
for i in $(seq "$runs"); do
  t0=$(now)
  timeout 300 qemu-system-aarch64 -M virt -cpu max -nographic -no-reboot -kernel "$elf" \
    </dev/null >"$tmp/qemu.out" 2>&1
  t1=$(now)
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  if [ -z "$qemu_best" ] || awk -v a="$dt" -v b="$qemu_best" 'BEGIN { exit !(a < b) }'; then qemu_best=$dt; fi
done
qsum=$(checksum "$tmp/qemu.out")
[ -n "$qsum" ] || { echo "mips: QEMU printed no checksum:" >&2; cat "$tmp/qemu.out" >&2; exit 1; }
echo "qemu:   $qsum"
echo "qemu:   best wall time ${qemu_best}s of $runs run(s)"
[ $qemu_only = 1 ] && exit 0

# ---- armach ----
if [ -x ./armach ]; then
  armach=(./armach)
else
  jar=boot/target/armach.jar
  if [ ! -f "$jar" ]; then
    echo "mips: building $jar" >&2
    mvn -q -o -pl boot -am package -DskipTests >&2 || mvn -q -pl boot -am package -DskipTests >&2
  fi
  armach=(java -jar "$jar")
fi
t0=$(now)
rc=0
timeout 3600 "${armach[@]}" run -M virt -cpu max -nographic -no-reboot -kernel "$elf" --stats \
  </dev/null >"$tmp/armach.out" 2>"$tmp/armach.err" || rc=$?
t1=$(now)
awall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
asum=$(checksum "$tmp/armach.out")
echo "armach: ${asum:-(no checksum)} (exit $rc, wall ${awall}s)"
# armach --stats prints: "armach: stats instructions=N seconds=S mips=M cpu-seconds=C"
stats=$(grep -m1 'armach: stats ' "$tmp/armach.err" || true)
insns=$(printf '%s\n' "$stats" | sed -n 's/.*instructions=\([0-9]*\).*/\1/p')
asecs=$(printf '%s\n' "$stats" | sed -n 's/.* seconds=\([0-9.]*\).*/\1/p')
acpu=$(printf '%s\n' "$stats" | sed -n 's/.*cpu-seconds=\([0-9.]*\).*/\1/p')
amips=$(printf '%s\n' "$stats" | sed -n 's/.*mips=\([0-9.]*\).*/\1/p')
if [ -z "$insns" ]; then
  echo "mips: armach printed no instruction count (--stats); stderr:" >&2
  tail -n 20 "$tmp/armach.err" >&2
  exit 1
fi
[ -n "$asecs" ] || asecs=$awall
[ -n "$amips" ] || amips=$(awk -v n="$insns" -v s="$asecs" 'BEGIN { printf "%.1f", n / s / 1e6 }')
qmips=$(awk -v n="$insns" -v s="$qemu_best" 'BEGIN { printf "%.1f", n / s / 1e6 }')
ratio=$(awk -v a="$amips" -v q="$qmips" 'BEGIN { printf "%.3f", a / q }')
echo "instructions: $insns"
echo "armach: ${amips} MIPS (${asecs}s)"
if [ -n "$acpu" ]; then
  # the emulating thread's CPU time: steadier than wall time when other work shares the cores
  echo "armach: $(awk -v n="$insns" -v s="$acpu" 'BEGIN { printf "%.1f", n / s / 1e6 }') MIPS on the emulating thread's CPU time (${acpu}s)"
fi
echo "qemu:   ${qmips} MIPS (${qemu_best}s)"
echo "ratio armach/qemu: ${ratio}"
if [ "$asum" != "$qsum" ]; then
  echo "mips: CHECKSUM MISMATCH: qemu '$qsum' vs armach '${asum}'" >&2
  exit 1
fi
echo "checksums match"
