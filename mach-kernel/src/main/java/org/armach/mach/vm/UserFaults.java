package org.armach.mach.vm;

/**
 * Decoding of the syndrome of a user (EL0) abort for {@link VmSpace#fault}: the kernel core
 * calls {@code space.fault(cpu.far[1], UserFaults.access(cpu.esr[1]))} for
 * {@link #isResolvable} aborts and resumes the thread at ELR_EL1 (the faulting instruction) on
 * KERN_SUCCESS; otherwise it raises EXC_BAD_ACCESS with the returned code and FAR as subcode.
 */
public final class UserFaults {
    public static final int EC_IABT_LOWER = 0x20, EC_DABT_LOWER = 0x24;

    private UserFaults() {}

    /** VmSpace.ACCESS_* of an instruction or data abort from EL0; 0 for other exceptions. */
    public static int access(long esr) {
        int ec = (int) (esr >>> 26) & 0x3f;
        if (ec == EC_IABT_LOWER) return VmSpace.ACCESS_EXECUTE;
        if (ec != EC_DABT_LOWER) return 0;
        boolean cacheMaintenance = (esr & (1 << 8)) != 0;
        return (esr & (1 << 6)) != 0 && !cacheMaintenance ? VmSpace.ACCESS_WRITE : VmSpace.ACCESS_READ;
    }

    /** True for translation, access-flag and permission faults (any level): what the VM can resolve. */
    public static boolean isResolvable(long esr) {
        if (access(esr) == 0) return false;
        int fsc = (int) esr & 0x3f;
        return fsc >= 0x04 && fsc <= 0x0f; // 0x04-07 translation, 0x08-0b access flag, 0x0c-0f permission
    }
}
