#!/usr/bin/env bash
# RPC benchmark of the Java GNU Mach: boots glibc-shim/prebuilt/module-bench.elf as a server
# task and a client task (as MachConformanceTest does) and prints the client's figures:
# null RPC between the two tasks, kernel RPC (mach_port_get_refs), trap (mach_task_self).
# With --clock host (default here) the guest times with wall-clock time, so the figures are
# round trips per second of this machine; with --clock virtual they are guest instructions
# (one instruction = 1 ns of virtual time, the Java kernel's work costs none), i.e. the
# ns-per-round-trip column is the guest-instruction count per round trip.
# Usage: bench/rpc.sh [--page-size 4k|16k|64k] [--clock host|virtual|both] [--runs N] [--rounds N]
# (--rounds: round trips per kind, default 200000; the first ~20000 run before the JIT has
# compiled the path, so short runs mostly measure warm-up.)
# Needs boot/target/armach.jar (mvn -q -o -pl boot -am package -DskipTests), or ARMACH_JAR=path;
# RPC_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=rpc.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
ps=4k
clock=both
runs=1
rounds=200000
while [ $# -gt 0 ]; do
  case "$1" in
    --page-size) ps=$2; shift 2 ;;
    --clock) clock=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--page-size 4k|16k|64k] [--clock host|virtual|both] [--runs N] [--rounds N]" >&2; exit 2 ;;
  esac
done
jar=${ARMACH_JAR:-boot/target/armach.jar}
elf=$PWD/glibc-shim/prebuilt/module-bench.elf
[ -f "$jar" ] || { echo "rpc: $jar missing (mvn -q -o -pl boot -am package -DskipTests)" >&2; exit 1; }
[ -f "$elf" ] || { echo "rpc: $elf missing (make -C glibc-shim prebuilt)" >&2; exit 1; }

run() { # $1 = clock
  java ${RPC_JAVA_OPTS:-} -jar "$jar" run -m 1G -machine virt -cpu max --java-mach --page-size "$ps" \
    --clock "$1" -nographic -no-reboot -append foo=bar \
    -device "guest-loader,kernel=$elf,bootargs=module-bench server \$(bench-task=task-create) \$(task-resume),addr=0x4000" \
    -device "guest-loader,kernel=$elf,bootargs=module-bench \${host-port} \${device-port} \${bench-task} rounds=$rounds \$(task-create) \$(task-resume),addr=0x44000"
}

report() { # $1 = clock, $2 = output file
  grep -q 'gnumach-test-success-and-reboot' "$2" || { echo "rpc: module-bench did not succeed:" >&2; cat "$2" >&2; exit 1; }
  if [ "$1" = virtual ]; then
    sed -n 's/^bench: \([^:]*\): .* (\([0-9]*\) ns each)$/  \1: \2 guest instructions per round trip/p' "$2"
  else
    sed -n 's/^bench: \([^:]*\): .*: \([0-9]*\) per second (\([0-9]*\) ns each)$/  \1: \2 per second (\3 ns)/p' "$2"
  fi
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for c in host virtual; do
  [ "$clock" = both ] || [ "$clock" = "$c" ] || continue
  n=$runs; [ "$c" = virtual ] && n=1
  for i in $(seq "$n"); do
    echo "rpc: page size $ps, clock $c (run $i of $n)"
    run "$c" 2>&1 | tr -d '\r' >"$tmp" || true
    report "$c" "$tmp"
  done
done
