package org.armach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefsParserTest {
    private static Subsystem parse(Map<String, String> files, String main) {
        return DefsParser.parse(name -> {
            String s = files.get(name);
            if (s == null) throw new DefsException("missing " + name);
            return s;
        }, main);
    }

    @Test
    void parsesTypesDirectionsFlagsAndIncludesOnce() {
        Subsystem s = parse(Map.of(
                "t.defs", "type int = MACH_MSG_TYPE_INTEGER_32; type port = MACH_MSG_TYPE_COPY_SEND;\n"
                        + "type data = ^array[] of MACH_MSG_TYPE_BYTE ctype: vm_offset_t; // comment\n",
                "x.defs", "/* test */ subsystem KernelServer x 500;\n#include \"t.defs\"\n#include \"t.defs\"\n"
                        + "serverprefix S_; userprefix U_;\n"
                        + "type st = array[*:16] of int; type s2 = struct { int a; int b[3]; };\n"
                        + "skip;\nroutine r1(p : port; sreplyport rp : port; inout v : int; out d : data, dealloc;"
                        + " out st : st, CountInOut; q : port = MACH_MSG_TYPE_MAKE_SEND_ONCE|polymorphic);\n"
                        + "simpleroutine r2(p : port; s : c_string[*:64]; w : s2; x : (MACH_MSG_TYPE_STRING_C, 8*8));"),
                "x.defs");
        assertEquals("x", s.name());
        assertEquals(500, s.base());
        assertEquals("S_", s.serverPrefix());
        assertEquals("U_", s.userPrefix());
        Routine r1 = s.byId(501);
        assertEquals("r1", r1.name());
        assertEquals(Direction.REQUEST_PORT, r1.args().get(0).direction());
        assertEquals(Direction.SREPLY_PORT, r1.arg("rp").direction());
        assertEquals(Direction.INOUT, r1.arg("v").direction());
        assertEquals(Dealloc.ALWAYS, r1.arg("d").dealloc());
        assertEquals(TypeKind.OOL, r1.arg("d").type().kind());
        assertEquals("vm_offset_t", r1.arg("d").type().cType());
        assertTrue(r1.arg("st").countInOut());
        assertEquals(TypeKind.BOUNDED, r1.arg("st").type().kind());
        assertEquals("MAKE_SEND_ONCE", r1.arg("q").type().inSymbol());
        assertEquals("POLYMORPHIC", r1.arg("q").type().outSymbol());
        Routine r2 = s.byName("r2");
        assertTrue(r2.simple());
        assertEquals(4, r2.arg("w").type().number());
        assertEquals("INTEGER_32", r2.arg("w").type().inSymbol());
        assertEquals(64, r2.arg("x").type().elemBits());
        assertTrue(r2.arg("s").type().cString());
    }

    @Test
    void eightAlignedStructsFollowTheChosenMigVersion() {
        Map<String, String> f = Map.of("s.defs", "subsystem s 1; type int = MACH_MSG_TYPE_INTEGER_32;"
                + " type l = MACH_MSG_TYPE_INTEGER_64; type tv = struct { l a; int b; };"
                + " routine r(p : int; t : tv);");
        MigType old = parse(f, "s.defs").byId(1).arg("t").type();
        assertEquals("BYTE", old.inSymbol());
        assertEquals(16, old.number());
        assertEquals("INTEGER_64", old.alt().inSymbol());
        MigType neu = DefsParser.parse(f::get, "s.defs", StructEncoding.NEW_MIG).byId(1).arg("t").type();
        assertEquals(2, neu.number());
        assertEquals(64, neu.elemBits());
    }

    @Test
    void errorsNameTheLine() {
        DefsException e = assertThrows(DefsException.class,
                () -> parse(Map.of("e.defs", "subsystem e 1;\nroutine r(p : nosuchtype);"), "e.defs"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(DefsException.class, () -> parse(Map.of("e.defs", "#if X\nsubsystem e 1;"), "e.defs"));
    }

    @Test
    void allKernelDefsParse() {
        assertEquals(10, KernelDefs.all().size());
    }
}
