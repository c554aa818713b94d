package org.armach.core.cpu.decode;

/**
 * One row of the decode table: a name, a 32-character bit pattern ('0'/'1' fixed; any
 * other character a field or don't-care, so dynarmic-style letter fields document the
 * layout), the ARM ARM section it belongs to and its decoder.
 */
public final class Encoding {
    public final String name;
    public final String pattern;
    public final String section;
    public final int mask, value;
    public final Decoder decoder;
    /** Whether this encoding is an FP/AdvSIMD instruction subject to CPACR_EL1.FPEN traps. */
    public final boolean fp;
    final int order;

    Encoding(String name, String pattern, String section, Decoder decoder, boolean fp, int order) {
        String p = pattern.replace(" ", "").replace("_", "");
        if (p.length() != 32) throw new IllegalArgumentException(name + ": pattern must have 32 bits: " + pattern);
        int m = 0, v = 0;
        for (int i = 0; i < 32; i++) {
            char ch = p.charAt(i);
            int bit = 31 - i;
            if (ch == '0' || ch == '1') {
                m |= 1 << bit;
                if (ch == '1') v |= 1 << bit;
            }
        }
        this.name = name;
        this.pattern = p;
        this.section = section;
        this.mask = m;
        this.value = v;
        this.decoder = decoder;
        this.fp = fp;
        this.order = order;
    }

    public boolean matches(int w) { return (w & mask) == value; }

    public int fixedBits() { return Integer.bitCount(mask); }

    /** The bit positions [hi:lo] covered by the run of letter {@code ch} in the pattern, or null. */
    public int[] field(char ch) {
        int hi = -1, lo = -1;
        for (int i = 0; i < 32; i++) {
            if (pattern.charAt(i) == ch) {
                if (hi < 0) hi = 31 - i;
                lo = 31 - i;
            }
        }
        return hi < 0 ? null : new int[] {hi, lo};
    }

    @Override
    public String toString() { return name + " " + pattern; }
}
