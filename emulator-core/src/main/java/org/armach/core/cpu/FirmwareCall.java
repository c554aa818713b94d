package org.armach.core.cpu;

/**
 * Firmware services below the guest (PSCI over HVC or SMC when no EL2/EL3 code is
 * loaded, as QEMU's virt provides). Returns true if the call was handled; execution then
 * continues after the HVC/SMC instruction.
 */
@FunctionalInterface
public interface FirmwareCall {
    boolean call(Cpu cpu, boolean smc, int imm16);
}
