package org.armach.core.gdb;

/**
 * The target description gdb reads through {@code qXfer:features:read:target.xml}: the
 * {@code org.gnu.gdb.aarch64.core} (x0-x30, sp, pc, cpsr) and {@code org.gnu.gdb.aarch64.fpu}
 * (v0-v31 as 128-bit unions, fpsr, fpcr) features, numbered as {@link GdbRegisters} numbers them.
 */
final class TargetDescription {
    private TargetDescription() {}

    static final String XML = build();

    private static String build() {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target>\n");
        b.append("<architecture>aarch64</architecture>\n");
        b.append("<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        for (int i = 0; i < 31; i++) b.append("<reg name=\"x").append(i).append("\" bitsize=\"64\" regnum=\"").append(i).append("\"/>\n");
        b.append("<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n");
        b.append("<flags id=\"cpsr_flags\" size=\"4\">\n");
        String[][] fields = {{"SP", "0", "0"}, {"EL", "2", "3"}, {"nRW", "4", "4"}, {"F", "6", "6"}, {"I", "7", "7"},
                {"A", "8", "8"}, {"D", "9", "9"}, {"IL", "20", "20"}, {"SS", "21", "21"}, {"PAN", "22", "22"},
                {"UAO", "23", "23"}, {"V", "28", "28"}, {"C", "29", "29"}, {"Z", "30", "30"}, {"N", "31", "31"}};
        for (String[] f : fields)
            b.append("<field name=\"").append(f[0]).append("\" start=\"").append(f[1]).append("\" end=\"").append(f[2]).append("\"/>\n");
        b.append("</flags>\n<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\"/>\n</feature>\n");
        b.append("<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
        String[][] vectors = {{"v2d", "ieee_double", "2"}, {"v2u", "uint64", "2"}, {"v2i", "int64", "2"},
                {"v4f", "ieee_single", "4"}, {"v4u", "uint32", "4"}, {"v4i", "int32", "4"},
                {"v8f", "ieee_half", "8"}, {"v8u", "uint16", "8"}, {"v8i", "int16", "8"},
                {"v16u", "uint8", "16"}, {"v16i", "int8", "16"}, {"v1u", "uint128", "1"}, {"v1i", "int128", "1"}};
        for (String[] v : vectors)
            b.append("<vector id=\"").append(v[0]).append("\" type=\"").append(v[1]).append("\" count=\"").append(v[2]).append("\"/>\n");
        String[][] unions = {{"vnd", "f:v2d", "u:v2u", "s:v2i"}, {"vns", "f:v4f", "u:v4u", "s:v4i"},
                {"vnh", "f:v8f", "u:v8u", "s:v8i"}, {"vnb", "u:v16u", "s:v16i"}, {"vnq", "u:v1u", "s:v1i"},
                {"aarch64v", "d:vnd", "s:vns", "h:vnh", "b:vnb", "q:vnq"}};
        for (String[] u : unions) {
            b.append("<union id=\"").append(u[0]).append("\">\n");
            for (int i = 1; i < u.length; i++) {
                String[] f = u[i].split(":");
                b.append("<field name=\"").append(f[0]).append("\" type=\"").append(f[1]).append("\"/>\n");
            }
            b.append("</union>\n");
        }
        for (int i = 0; i < 32; i++)
            b.append("<reg name=\"v").append(i).append("\" bitsize=\"128\" type=\"aarch64v\" regnum=\"").append(GdbRegisters.V0 + i).append("\"/>\n");
        b.append("<reg name=\"fpsr\" bitsize=\"32\"/>\n<reg name=\"fpcr\" bitsize=\"32\"/>\n</feature>\n</target>\n");
        return b.toString();
    }
}
