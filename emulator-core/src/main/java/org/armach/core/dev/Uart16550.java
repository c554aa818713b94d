package org.armach.core.dev;

import java.io.IOException;
import java.io.OutputStream;

import org.armach.core.mem.MmioDevice;

/**
 * A 16550-compatible UART, optionally with the extensions of the Synopsys DesignWare APB UART
 * ({@code snps,dw-apb-uart}, the UARTs of Allwinner SoCs): the USR/TFL/RFL/HALT registers,
 * the busy-detect interrupt and LCR/DLL/DLH writes refused while the UART is busy.
 *
 * <h2>Registers</h2>
 * Register {@code n} sits at offset {@code n << regShift} (the DT's reg-shift; 2 on the A64,
 * whose registers are 32 bits wide, reg-io-width 4). 8-, 16- and 32-bit accesses are accepted;
 * bytes above the low one of a register read 0 and ignore writes.
 * <pre>
 *  0 RBR (read) / THR (write) / DLL (LCR.DLAB)     4 MCR   DTR RTS OUT1 OUT2 LOOP (+AFCE SIRE on DW)
 *  1 IER / DLH (LCR.DLAB)                           5 LSR   DR OE PE FE BI THRE TEMT RFE
 *  2 IIR (read) / FCR (write)                       6 MSR   deltas + CTS DSR RI DCD
 *  3 LCR                                            7 SCR   scratch
 *  DesignWare only: 0x7c USR (BUSY TFNF TFE RFNE RFF), 0x80 TFL, 0x84 RFL, 0xa4 HALT
 *  (CHCFG_AT_BUSY honoured; HALT_TX stored, transmission not held), 0xf4 CPR and 0xf8 UCV
 *  read 0 (the A64's UARTs have neither). Other DesignWare registers (DMA, debug) read 0.
 * </pre>
 *
 * <h2>Transmit</h2>
 * Takes no time: a THR write goes straight to the {@link OutputStream} (or, with MCR.LOOP, into
 * the receive FIFO, overrunning as hardware does when it is full), so THR and the transmit FIFO
 * are always empty (LSR.THRE = TEMT = 1, TFL 0). The THRE interrupt becomes pending after every
 * THR write and whenever IER.ETBEI is switched on (THR being empty), as on QEMU's 16550; it is
 * cleared by an IIR read that reports it. With the DesignWare IER.PTIME bit and FIFOs on, LSR
 * bit 5 means "transmit FIFO full" and reads 0.
 *
 * <h2>Receive</h2>
 * A FIFO of {@code fifoDepth} entries when FCR.FIFOE is set, otherwise the single RBR. Input is
 * pulled from the {@link RxSource} while there is room: on reads of RBR, LSR, USR and RFL and
 * when the board calls {@link #pullRx()} (once per run slice), so host input is never dropped by
 * the UART itself; an FCR receive-FIFO reset discards what the FIFO holds, as on hardware.
 * The received-data interrupt is pending while the FIFO holds at least the FCR trigger level
 * (1, 1/4, 1/2, depth-2; one byte without FIFOs); the character timeout (FIFO mode) fires when
 * data waits and the line goes idle (the source has nothing more now: the emulated "4 character
 * times without input"), and is cleared by reading RBR. A host break enters a NUL with LSR.BI.
 *
 * <h2>Interrupts</h2>
 * IIR reports the highest pending source, in the 16550 order: line status (0x6; OE/PE/FE/BI,
 * cleared by reading LSR), received data (0x4), character timeout (0xc), THR empty (0x2),
 * modem status (0x0; cleared by reading MSR), and on the DesignWare UART busy detect (0x7: an
 * LCR write while busy; cleared by reading USR, not maskable); 0x1 when none. IIR bits 7:6
 * read 11 with FIFOs enabled. The interrupt output is a level: IIR bit 0 clear.
 *
 * <h2>Busy</h2>
 * The DesignWare UART is busy (USR.BUSY) while a character is being shifted in or out; with
 * transmission instantaneous here, that is while received data waits (RBR or FIFO not empty),
 * which is when Linux's 8250_dw driver finds LCR writes ignored and clears the FIFOs.
 *
 * <p>MSR: the host side is always "connected" (CTS, DSR, DCD set, as QEMU); with MCR.LOOP the
 * modem inputs follow RTS, DTR, OUT1 and OUT2. Reset values: IIR 0x01, LSR 0x60, MSR 0xb0.
 */
public final class Uart16550 implements MmioDevice, UartPort {
    // register indexes (offset >> regShift)
    public static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLH = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;
    /** DesignWare registers (byte offsets / 4). */
    public static final int USR = 0x7c >> 2, TFL = 0x80 >> 2, RFL = 0x84 >> 2, HALT = 0xa4 >> 2, CPR = 0xf4 >> 2, UCV = 0xf8 >> 2;

    public static final int IER_ERBFI = 1, IER_ETBEI = 1 << 1, IER_ELSI = 1 << 2, IER_EDSSI = 1 << 3, IER_PTIME = 1 << 7;
    public static final int IIR_NONE = 0x1, IIR_MSI = 0x0, IIR_THRI = 0x2, IIR_RDI = 0x4, IIR_RLSI = 0x6, IIR_BUSY = 0x7, IIR_CTI = 0xc;
    public static final int IIR_FIFO = 0xc0;
    public static final int FCR_FIFOE = 1, FCR_RFIFOR = 1 << 1, FCR_XFIFOR = 1 << 2;
    public static final int LCR_DLAB = 1 << 7;
    public static final int MCR_DTR = 1, MCR_RTS = 1 << 1, MCR_OUT1 = 1 << 2, MCR_OUT2 = 1 << 3, MCR_LOOP = 1 << 4;
    public static final int LSR_DR = 1, LSR_OE = 1 << 1, LSR_PE = 1 << 2, LSR_FE = 1 << 3, LSR_BI = 1 << 4,
            LSR_THRE = 1 << 5, LSR_TEMT = 1 << 6, LSR_RFE = 1 << 7;
    static final int LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI;
    public static final int MSR_DCTS = 1, MSR_DDSR = 1 << 1, MSR_TERI = 1 << 2, MSR_DDCD = 1 << 3,
            MSR_CTS = 1 << 4, MSR_DSR = 1 << 5, MSR_RI = 1 << 6, MSR_DCD = 1 << 7;
    public static final int USR_BUSY = 1, USR_TFNF = 1 << 1, USR_TFE = 1 << 2, USR_RFNE = 1 << 3, USR_RFF = 1 << 4;
    public static final int HALT_TX = 1, HALT_CHCFG_AT_BUSY = 1 << 1, HALT_CHANGE_UPDATE = 1 << 2;
    /** FIFO entry flag: a break (NUL with BI). */
    private static final int ENTRY_BI = 1 << 8;

    private final OutputStream tx;
    private final IrqLine irq;
    private final int regShift, fifoDepth;
    private final boolean dw;
    private RxSource source;

    private final int[] fifo;
    private int rxHead, rxCount;
    private int ier, lcr, mcr, scr, dll, dlh, fcr, halt;
    private int lsrErrors, msrDeltas, modemLines;
    private boolean thrIpending, timeoutPending, rtArmed, busyDetect;
    private boolean irqOut, txBroken;

    /**
     * @param tx        where transmitted bytes go (null: discarded)
     * @param irq       the interrupt output
     * @param regShift  the DT's reg-shift (register n at offset n &lt;&lt; regShift)
     * @param fifoDepth receive FIFO depth (16 for a 16550A, 64 on the A64)
     * @param designware with the DesignWare APB UART extensions (USR, busy detect)
     */
    public Uart16550(OutputStream tx, IrqLine irq, int regShift, int fifoDepth, boolean designware) {
        if (regShift < 0 || regShift > 2) throw new IllegalArgumentException("reg-shift must be 0..2");
        if (fifoDepth < 1) throw new IllegalArgumentException("FIFO depth must be positive");
        this.tx = tx;
        this.irq = irq == null ? IrqLine.NONE : irq;
        this.regShift = regShift;
        this.fifoDepth = fifoDepth;
        this.dw = designware;
        this.fifo = new int[fifoDepth];
        reset();
    }

    public void reset() {
        rxHead = rxCount = 0;
        ier = lcr = mcr = scr = dll = dlh = fcr = halt = 0;
        lsrErrors = msrDeltas = 0;
        modemLines = MSR_CTS | MSR_DSR | MSR_DCD;
        thrIpending = timeoutPending = rtArmed = busyDetect = false;
        update();
    }

    @Override
    public void setRxSource(RxSource s) { this.source = s; }

    private boolean fifoOn() { return (fcr & FCR_FIFOE) != 0; }

    private int depth() { return fifoOn() ? fifoDepth : 1; }

    /** Received-data trigger level from FCR[7:6]: 1, 1/4, 1/2, depth - 2. */
    private int trigger() {
        if (!fifoOn()) return 1;
        switch ((fcr >> 6) & 3) {
            case 0: return 1;
            case 1: return Math.max(1, fifoDepth / 4);
            case 2: return Math.max(1, fifoDepth / 2);
            default: return Math.max(1, fifoDepth - 2);
        }
    }

    @Override
    public boolean canReceive() { return rxCount < depth(); }

    /** Number of received bytes waiting. */
    public int rxCount() { return rxCount; }

    /** Whether the DesignWare UART is busy (received data waits: see the class comment). */
    public boolean busy() { return dw && rxCount > 0; }

    /** Puts a byte from the host into the receiver; false (nothing dropped) if it has no room. */
    public boolean receive(int b) {
        if (!canReceive()) return false;
        push(b & 0xff);
        update();
        return true;
    }

    /** A break on the line: a NUL entry with LSR.BI (if there is room). */
    public boolean receiveBreak() {
        if (!canReceive()) return false;
        push(ENTRY_BI);
        update();
        return true;
    }

    private void push(int entry) {
        fifo[(rxHead + rxCount) % fifoDepth] = entry;
        rxCount++;
        if ((entry & ENTRY_BI) != 0) lsrErrors |= LSR_BI;
        rtArmed = true;
    }

    @Override
    public boolean pullRx() { return pull(true); }

    /** Pulls input; with {@code idleCheck}, a dry source counts as an idle line (character timeout). */
    private boolean pull(boolean idleCheck) {
        boolean took = false, dry = true;
        if (source != null) {
            while (canReceive()) {
                int b = source.poll();
                if (b < 0) break;
                push(b & 0xff);
                took = true;
            }
            dry = canReceive(); // stopped for lack of input, not of room
        }
        if (idleCheck && dry && !took) lineIdle();
        update();
        return took;
    }

    private void lineIdle() {
        if (fifoOn() && rtArmed && rxCount > 0) {
            timeoutPending = true;
            rtArmed = false;
        }
    }

    /** Current level of the interrupt output. */
    public boolean irqLevel() { return irqOut; }

    /** The pending interrupt with the highest priority (IIR[3:0]). */
    private int pendingId() {
        if ((ier & IER_ELSI) != 0 && lsrErrors != 0) return IIR_RLSI;
        if ((ier & IER_ERBFI) != 0 && rxCount > 0 && rxCount >= trigger()) return IIR_RDI;
        if ((ier & IER_ERBFI) != 0 && timeoutPending && rxCount > 0) return IIR_CTI;
        if ((ier & IER_ETBEI) != 0 && thrIpending) return IIR_THRI;
        if ((ier & IER_EDSSI) != 0 && msrDeltas != 0) return IIR_MSI;
        if (busyDetect) return IIR_BUSY;
        return IIR_NONE;
    }

    private void update() {
        boolean level = pendingId() != IIR_NONE;
        if (level != irqOut) {
            irqOut = level;
            irq.set(level);
        }
    }

    private int lsr() {
        int v = lsrErrors;
        if (rxCount > 0) v |= LSR_DR;
        boolean ptime = dw && (ier & IER_PTIME) != 0 && fifoOn();
        if (!ptime) v |= LSR_THRE; // with PTIME: "transmit FIFO full", never the case here
        v |= LSR_TEMT;
        if (fifoOn()) {
            for (int i = 0; i < rxCount; i++) {
                if ((fifo[(rxHead + i) % fifoDepth] & ENTRY_BI) != 0) {
                    v |= LSR_RFE;
                    break;
                }
            }
        }
        return v;
    }

    private int msr() {
        int lines = modemLines;
        if ((mcr & MCR_LOOP) != 0) lines = loopLines(mcr);
        return lines | msrDeltas;
    }

    private static int loopLines(int mcr) {
        int l = 0;
        if ((mcr & MCR_RTS) != 0) l |= MSR_CTS;
        if ((mcr & MCR_DTR) != 0) l |= MSR_DSR;
        if ((mcr & MCR_OUT1) != 0) l |= MSR_RI;
        if ((mcr & MCR_OUT2) != 0) l |= MSR_DCD;
        return l;
    }

    private int readRbr() {
        if (rxCount == 0) {
            pullRx();
            if (rxCount == 0) return 0;
        }
        int c = fifo[rxHead];
        rxHead = (rxHead + 1) % fifoDepth;
        rxCount--;
        timeoutPending = false;
        rtArmed = rxCount > 0;
        pull(false); // a read restarts the timeout: it cannot fire at once
        return c & 0xff;
    }

    private int readIir() {
        int id = pendingId();
        if (id == IIR_THRI) thrIpending = false; // reading IIR clears a THRE interrupt it reports
        return id | (fifoOn() ? IIR_FIFO : 0);
    }

    private int readRegister(int n) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (n) {
            case RBR: return dlab ? dll : readRbr();
            case IER: return dlab ? dlh : ier;
            case IIR: return readIir();
            case LCR: return lcr;
            case MCR: return mcr;
            case LSR: {
                if (canReceive()) pullRx();
                int v = lsr();
                lsrErrors = 0;
                return v;
            }
            case MSR: {
                int v = msr();
                msrDeltas = 0;
                return v;
            }
            case SCR: return scr;
            default: break;
        }
        if (!dw) return 0;
        switch (n) {
            case USR: {
                if (canReceive()) pullRx();
                busyDetect = false;
                int v = USR_TFNF | USR_TFE;
                if (busy()) v |= USR_BUSY;
                if (rxCount > 0) v |= USR_RFNE;
                if (rxCount >= depth()) v |= USR_RFF;
                return v;
            }
            case TFL: return 0;
            case RFL:
                if (canReceive()) pullRx();
                return rxCount;
            case HALT: return halt;
            default: return 0; // CPR, UCV and reserved offsets read 0
        }
    }

    private void transmit(int c) {
        if ((mcr & MCR_LOOP) != 0) {
            if (rxCount < depth()) push(c);
            else if (fifoOn()) lsrErrors |= LSR_OE; // the byte in the shift register is lost
            else {
                fifo[rxHead] = c; // non-FIFO mode: RBR is overwritten
                lsrErrors |= LSR_OE;
            }
        } else if (tx != null && !txBroken) {
            try {
                tx.write(c);
            } catch (IOException e) {
                txBroken = true; // the host side went away: drop output, never fail the guest
            }
        }
        thrIpending = true; // the byte left THR at once
    }

    /** Whether LCR, DLL and DLH accept writes now (DesignWare: not while busy, unless HALT allows it). */
    private boolean configWritable() {
        return !busy() || (halt & HALT_CHCFG_AT_BUSY) != 0;
    }

    private void writeRegister(int n, int v) {
        v &= 0xff;
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (n) {
            case THR:
                if (dlab) {
                    if (configWritable()) dll = v;
                } else {
                    transmit(v); // HALT.HALT_TX is stored but does not hold transmission
                }
                break;
            case IER:
                if (dlab) {
                    if (configWritable()) dlh = v;
                } else {
                    int old = ier;
                    ier = v & (dw ? 0x8f : 0x0f);
                    if (((old ^ ier) & IER_ETBEI) != 0) thrIpending = (ier & IER_ETBEI) != 0; // THR is always empty
                }
                break;
            case FCR: {
                boolean was = fifoOn();
                fcr = v & 0xc9;
                if ((v & FCR_RFIFOR) != 0 || was != fifoOn()) {
                    rxHead = rxCount = 0;
                    timeoutPending = rtArmed = false;
                    lsrErrors &= ~LSR_BI; // 16550: the error flags of discarded bytes go with them
                }
                if ((v & FCR_XFIFOR) != 0) thrIpending = (ier & IER_ETBEI) != 0;
                break;
            }
            case LCR:
                if (dw && !configWritable()) busyDetect = true; // write ignored; busy-detect interrupt
                else lcr = v;
                break;
            case MCR: {
                int oldLines = msr() & 0xf0;
                mcr = v & (dw ? 0x7f : 0x1f);
                int newLines = msr() & 0xf0;
                int changed = oldLines ^ newLines;
                if ((changed & MSR_CTS) != 0) msrDeltas |= MSR_DCTS;
                if ((changed & MSR_DSR) != 0) msrDeltas |= MSR_DDSR;
                if ((changed & MSR_DCD) != 0) msrDeltas |= MSR_DDCD;
                if ((oldLines & MSR_RI) != 0 && (newLines & MSR_RI) == 0) msrDeltas |= MSR_TERI;
                break;
            }
            case SCR: scr = v; break;
            case LSR: case MSR: break; // read-only (writes to LSR are factory test only)
            default:
                if (dw && n == HALT) halt = v & (HALT_TX | HALT_CHCFG_AT_BUSY); // CHANGE_UPDATE self-clears at once
                break; // USR, TFL, RFL and reserved offsets: ignored
        }
    }

    @Override
    public boolean accepts(long offset, int size, boolean write) {
        return size <= 4 && (offset & (size - 1)) == 0;
    }

    @Override
    public long read(long offset, int size) {
        int stride = 1 << regShift;
        if ((offset & (stride - 1)) != 0) return 0; // upper bytes of a wide register
        int v = readRegister((int) (offset >> regShift));
        update();
        return v & 0xff;
    }

    @Override
    public void write(long offset, int size, long value) {
        int stride = 1 << regShift;
        if ((offset & (stride - 1)) != 0) return;
        writeRegister((int) (offset >> regShift), (int) value);
        update();
    }

    @Override
    public String name() { return dw ? "dw-apb-uart" : "16550"; }
}
