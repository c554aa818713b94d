package org.armach.mig;

/** The receiver-side descriptor checks of MIG (PROTOCOLS 1.8), for one item type. */
final class DescriptorCheck {
    private DescriptorCheck() {}

    /** True if a received descriptor word is acceptable for an item of type {@code t}. */
    static boolean accepts(MigType t, long w) {
        if ((w & Descriptor.UNUSED_MASK) != 0) return false;
        if (t.kind() == TypeKind.FIXED && !t.polymorphicOut()) return exact(t, w) || (t.alt() != null && exact(t.alt(), w));
        if (Descriptor.longForm(w) != t.longForm()) return false;
        if (!t.polymorphicOut() && Descriptor.name(w) != t.outName()) return false;
        boolean inline = Descriptor.inline(w);
        if (Descriptor.bits(w) != Descriptor.wireBits(t, inline) && !(t.isPort() && !inline && Descriptor.bits(w) == 64)) return false;
        return shapeOk(t, w, inline);
    }

    private static boolean exact(MigType t, long w) {
        long expected = Descriptor.pack(t.outName(), t.elemBits(), t.number(), true, t.longForm(), false);
        return w == expected;
    }

    private static boolean shapeOk(MigType t, long w, boolean inline) {
        int n = Descriptor.number(w);
        switch (t.kind()) {
            case FIXED: return inline && n == t.number() && !Descriptor.dealloc(w);
            case BOUNDED: return inline && n <= t.number() && !Descriptor.dealloc(w);
            case INDEFINITE: return !inline || (n <= t.maxInlineNumber() && !Descriptor.dealloc(w));
            case OOL: return !inline;
            default: return !inline && n == t.number();
        }
    }
}
