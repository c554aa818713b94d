package org.armach.mach.vm;

/** What {@code vm_region} reports for one map entry (the object name port is always null here). */
public record Region(long start, long size, int protection, int maxProtection, int inheritance, boolean shared, long offset) {}
