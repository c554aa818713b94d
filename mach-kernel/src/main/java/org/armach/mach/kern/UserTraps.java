package org.armach.mach.kern;

import static org.armach.mach.kern.ExcCodes.*;

import org.armach.core.cpu.Esr;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.vm.PageRequest;
import org.armach.mach.vm.VmSpace;

/** Synchronous exceptions from EL0: decodes ESR_EL1 and routes to traps, faults, exceptions. */
final class UserTraps {
    private final Kernel k;
    final TrapTable traps;
    final Exceptions exceptions;

    UserTraps(Kernel k) {
        this.k = k;
        this.traps = new TrapTable(k);
        this.exceptions = new Exceptions(k);
    }

    void sync(KThread t, long esr, long far) {
        int ec = (int) (esr >>> 26) & 0x3f;
        int iss = (int) esr & 0x1ffffff;
        switch (ec) {
            case 0x15: svc(t, iss & 0xffff); break;
            case 0x24: abort(t, far, iss, (iss & (1 << 6)) != 0 ? VmSpace.ACCESS_WRITE : VmSpace.ACCESS_READ); break;
            case 0x20: abort(t, far, iss, VmSpace.ACCESS_EXECUTE); break;
            case 0x00: raise(t, EXC_BAD_INSTRUCTION, EXC_AARCH64_UNK, esr); break;
            case 0x0e: raise(t, EXC_BAD_INSTRUCTION, EXC_AARCH64_IL, esr); break;
            case 0x3c: raise(t, EXC_BREAKPOINT, EXC_AARCH64_BRK, iss & 0xffff); break;
            case 0x32: case 0x33: raise(t, EXC_BREAKPOINT, EXC_AARCH64_SS, t.ctx.pc); break;
            case 0x30: case 0x31: case 0x34: case 0x35: raise(t, EXC_BREAKPOINT, EXC_AARCH64_BREAKPT, far); break;
            case 0x22: raise(t, EXC_BAD_ACCESS, EXC_AARCH64_AL_PC, far); break;
            case 0x26: raise(t, EXC_BAD_ACCESS, EXC_AARCH64_AL_SP, t.ctx.sp); break;
            case 0x2c: raise(t, EXC_ARITHMETIC, fpCode(iss), t.ctx.pc); break;
            case 0x01: wfx(t); break;
            default: raise(t, EXC_BAD_INSTRUCTION, 0, esr); break;
        }
    }

    private void svc(KThread t, int imm16) {
        if (imm16 != 0) {
            raise(t, EXC_SOFTWARE, EXC_AARCH64_SVC, imm16);
            return;
        }
        traps.trap(t, -(int) t.ctx.x[8]);
    }

    private void abort(KThread t, long far, int iss, int access) {
        int fsc = iss & 0x3f;
        if (fsc == Esr.FSC_ALIGNMENT) {
            raise(t, EXC_BAD_ACCESS, EXC_AARCH64_AL, far);
            return;
        }
        boolean resolvable = (fsc >= 0x04 && fsc <= 0x07) || (fsc >= 0x09 && fsc <= 0x0b) || (fsc >= 0x0d && fsc <= 0x0f);
        if (resolvable && t.task.vm.dirtyFault(far, access)) {
            k.cpu.flushTlbPage(far); // dirty tracking only: no fault in GNU Mach, none counted
            return;
        }
        if (resolvable) t.task.faults++;
        int kr = resolvable ? t.task.vm.fault(far, access, pageWait) : KernReturn.KERN_INVALID_ADDRESS;
        if (kr == KernReturn.KERN_SUCCESS) {
            k.cpu.flushTlbPage(far);
            return;
        }
        if (kr == VmSpace.FAULT_WAIT) {
            waitForPage(t, pageWait[0]);
            pageWait[0] = null;
            return;
        }
        raise(t, EXC_BAD_ACCESS, kr, far);
    }

    private final PageRequest[] pageWait = new PageRequest[1];

    /**
     * The page comes from a pager: the thread waits (as GNU Mach's, without a time limit, also
     * when the pager is dead; thread_abort ends the wait) and re-executes the access.
     */
    private void waitForPage(KThread t, PageRequest r) {
        PageWait.block(k, t, r, null, 0);
    }

    private static int fpCode(int iss) {
        if ((iss & 1) != 0) return EXC_AARCH64_IOF;
        if ((iss & 2) != 0) return EXC_AARCH64_DZF;
        if ((iss & 4) != 0) return EXC_AARCH64_OFF;
        if ((iss & 8) != 0) return EXC_AARCH64_UFF;
        if ((iss & 16) != 0) return EXC_AARCH64_IXF;
        return EXC_AARCH64_IDF;
    }

    /** WFI/WFE from EL0: step over it and block until something aborts the thread. */
    private void wfx(KThread t) {
        t.ctx.pc += 4;
        k.block(t, new SimpleWait("wfi", 0, 0, 0, true), -1);
    }

    void raise(KThread t, int exc, int code, long subcode) {
        exceptions.raise(t, exc, code, subcode);
    }
}
