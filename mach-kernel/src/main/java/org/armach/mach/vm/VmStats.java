package org.armach.mach.vm;

/** Event counters of the VM system, reported by vm_statistics. */
final class VmStats {
    long faults, zeroFill, cowFaults, lookups, hits;
    long wiredPages;
}
