package org.armach.mig;

/** C code that checks a reply as MIG user stubs do and copies the out arguments. */
final class CReplyCheck {
    private static final long LOW_WORD = 0xFFFFFFFFL;
    private static final long SIZE_BITS = 0xFFFF00L;

    private CReplyCheck() {}

    static void write(CWriter w, MessageLayout rep) {
        Routine r = rep.routine();
        w.line("if (Mess.Head.msgh_id != " + r.replyId() + ")");
        w.line("\treturn Mess.Head.msgh_id == MACH_NOTIFY_SEND_ONCE ? MIG_SERVER_DIED : MIG_REPLY_MISMATCH;");
        w.line("{");
        w.line("unsigned char *Q = Mess.Buf + 32;");
        w.line("unsigned char *End = Mess.Buf + Mess.Head.msgh_size;");
        w.line("int Complex = (Mess.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) != 0;");
        w.line("unsigned long long D;");
        w.line("(void) D;");
        w.line("if (Mess.Head.msgh_size == 48 && !Complex && __mig_get_u64(Q) == " + CWriter.hex(retDesc())
                + " && __mig_get_u32(Q + 8) != KERN_SUCCESS)");
        w.line("\treturn (kern_return_t) __mig_get_u32(Q + 8);");
        if (rep.complex()) w.line("if (!Complex)").line("\treturn MIG_TYPE_ERROR;");
        else if (!rep.maybeComplex()) w.line("if (Complex)").line("\treturn MIG_TYPE_ERROR;");
        String size = rep.fixedSize() ? "Mess.Head.msgh_size != " + rep.maxSize() : "Mess.Head.msgh_size < " + rep.minSize();
        w.line("if (" + size + " || Mess.Head.msgh_size > sizeof(Mess))").line("\treturn MIG_TYPE_ERROR;");
        for (LayoutItem it : rep.items()) item(w, it);
        w.line("if (Q != End)").line("\treturn MIG_TYPE_ERROR;");
        w.line("}");
    }

    private static long retDesc() {
        return Descriptor.forItem(LayoutCalculator.RETCODE_TYPE, MsgTypes.INTEGER_32, 1, true, false);
    }

    private static long expected(MigType t, boolean inline) {
        return Descriptor.pack(t.polymorphicOut() ? 0 : t.outName(), Descriptor.wireBits(t, inline),
                t.kind() == TypeKind.FIXED || t.kind() == TypeKind.OOL_FIXED ? t.number() : 0, inline, t.longForm(), false);
    }

    private static void item(CWriter w, LayoutItem it) {
        MigType t = it.type();
        w.line("/* " + it.name() + " */");
        w.line("if (Q + 8 > End)").line("\treturn MIG_TYPE_ERROR;");
        w.line("D = __mig_get_u64(Q);");
        if (it.role() == ItemRole.RETCODE) {
            w.line("if (D != " + CWriter.hex(retDesc()) + ")").line("\treturn MIG_TYPE_ERROR;");
            w.line("if (__mig_get_u32(Q + 8) != KERN_SUCCESS)").line("\treturn (kern_return_t) __mig_get_u32(Q + 8);");
            w.line("Q += 16;");
            return;
        }
        String n = it.arg().name();
        switch (t.kind()) {
            case FIXED: fixed(w, it, t, n); return;
            case BOUNDED: bounded(w, t, n); return;
            case INDEFINITE: indefinite(w, t, n); return;
            default: outOfLine(w, t, n);
        }
    }

    private static void fixed(CWriter w, LayoutItem it, MigType t, String n) {
        long e = expected(t, true);
        String cond = t.polymorphicOut() ? "(D & ~0xffULL) != " + CWriter.hex(e)
                : "D != " + CWriter.hex(e) + (t.alt() != null ? " && D != " + CWriter.hex(expected(t.alt(), true)) : "");
        w.line("if (" + cond + ")").line("\treturn MIG_TYPE_ERROR;");
        int bytes = LayoutCalculator.dataBytes(t);
        if (t.isPort()) {
            w.line("*" + n + " = (mach_port_t) __mig_get_u32(Q + 8);");
            if (t.polymorphicOut()) w.line("*" + n + "Poly = (mach_msg_type_name_t) (D & 0xff);");
        } else if (t.cString()) w.line("__builtin_memcpy(" + n + ", Q + 8, " + bytes + ");");
        else if (InlineData.scalar(t) && t.elemBits() == 64) w.line("*" + n + " = __mig_get_u64(Q + 8);");
        else if (InlineData.scalar(t) && t.elemBits() == 32) w.line("*" + n + " = __mig_get_u32(Q + 8);");
        else w.line("__builtin_memcpy(" + n + ", Q + 8, " + bytes + ");");
        w.line("Q += " + (8 + LayoutItem.pad8(bytes)) + ";");
    }

    private static void bounded(CWriter w, MigType t, String n) {
        w.line("if ((D & " + hexLow(LOW_WORD) + ") != " + CWriter.hex(expected(t, true)) + " || (D >> 32) > " + t.number() + ")");
        w.line("\treturn MIG_TYPE_ERROR;");
        copyInline(w, t, n, n);
    }

    /**
     * An inline array: C wire elements; the caller's count is in C elements, {@code unit} wire
     * elements each (arrays of multi-element structs such as sampled_pc_t).
     */
    private static void copyInline(CWriter w, MigType t, String n, String dst) {
        int eb = Descriptor.wireBits(t, true) / 8;
        int u = t.unit();
        String cnt = "*" + n + "Cnt";
        w.line("{");
        w.line("unsigned int C = (unsigned int) (D >> 32);");
        w.line("unsigned int B = (C * " + eb + " + 7) & ~7u;");
        w.line("if (Q + 8 + B > End" + (u > 1 ? " || C % " + u + " != 0)" : ")")).line("\treturn MIG_TYPE_ERROR;");
        w.line("if (C > " + (u > 1 ? cnt + " * " + u : cnt) + ") {");
        copy(w, t, dst, u > 1 ? cnt + " * " + u : cnt, eb);
        w.line(cnt + " = " + (u > 1 ? "C / " + u : "C") + ";");
        w.line("return MIG_ARRAY_TOO_LARGE;");
        w.line("}");
        copy(w, t, dst, "C", eb);
        w.line(cnt + " = " + (u > 1 ? "C / " + u : "C") + ";");
        w.line("Q += 8 + B;");
        w.line("}");
    }

    private static void copy(CWriter w, MigType t, String dst, String count, int eb) {
        if (t.isPort()) w.line("__mig_get_ports(" + dst + ", Q + 8, " + count + ");");
        else w.line("__builtin_memcpy(" + dst + ", Q + 8, " + count + " * " + eb + ");");
    }

    private static void indefinite(CWriter w, MigType t, String n) {
        long mask = LOW_WORD & ~(Descriptor.INLINE | Descriptor.DEALLOCATE) & ~(t.isPort() ? SIZE_BITS : 0);
        w.line("if ((D & " + hexLow(mask) + ") != " + CWriter.hex(expected(t, true) & mask) + ")");
        w.line("\treturn MIG_TYPE_ERROR;");
        w.line("if (D & MACH_MSGT_INLINE) {");
        copyInline(w, t, n, "*" + n);
        w.line("} else {");
        w.line("*" + n + " = (" + CParams.arrayType(t) + ") __mig_get_u64(Q + 8);");
        w.line("*" + n + "Cnt = (mach_msg_type_number_t) (D >> 32)" + (t.unit() > 1 ? " / " + t.unit() : "") + ";");
        w.line("Q += 16;");
        w.line("}");
    }

    private static void outOfLine(CWriter w, MigType t, String n) {
        long mask = LOW_WORD & ~Descriptor.DEALLOCATE & ~(t.isPort() ? SIZE_BITS : 0);
        w.line("if ((D & " + hexLow(mask) + ") != " + CWriter.hex(expected(t, false) & mask) + ")");
        w.line("\treturn MIG_TYPE_ERROR;");
        w.line("*" + n + " = (" + CParams.arrayType(t) + ") __mig_get_u64(Q + 8);");
        if (t.kind() == TypeKind.OOL) {
            w.line("*" + n + "Cnt = (mach_msg_type_number_t) (D >> 32)" + (t.unit() > 1 ? " / " + t.unit() : "") + ";");
        }
        w.line("Q += 16;");
    }

    private static String hexLow(long v) { return CWriter.hex(v); }
}
