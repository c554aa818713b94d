package org.armach.mach.kern;

/** A boot module as the device tree describes it: image bytes and its boot-script line. */
public record BootModule(long address, byte[] image, String bootargs) { }
