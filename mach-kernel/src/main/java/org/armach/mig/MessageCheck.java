package org.armach.mig;

/** The header-level checks MIG code makes before looking at the body: size and COMPLEX bit. */
final class MessageCheck {
    private MessageCheck() {}

    /** Throws {@code error} if the size or the COMPLEX bit cannot belong to a message of this layout. */
    static void sizeAndBits(MessageLayout layout, int size, int bits, int error) {
        boolean complex = (bits & Header.COMPLEX) != 0;
        if (layout.complex() && !complex) throw new MigException(error, "COMPLEX bit missing");
        if (!layout.maybeComplex() && complex) throw new MigException(error, "unexpected COMPLEX bit");
        boolean fixed = layout.fixedSize();
        if (fixed && size != layout.maxSize() || !fixed && size < layout.minSize())
            throw new MigException(error, "bad message size " + size);
    }
}
