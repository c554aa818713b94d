#!/bin/sh
# Regenerates vectors.txt from oracle.c with the cross compiler and QEMU user mode.
set -e
cd "$(dirname "$0")"
aarch64-linux-gnu-gcc -static -O2 -o /tmp/fp-oracle oracle.c
qemu-aarch64 /tmp/fp-oracle > vectors.txt
qemu-aarch64 /tmp/fp-oracle simd > vectors-simd.txt
rm -f /tmp/fp-oracle
wc -l vectors.txt vectors-simd.txt
