package org.armach.mig;

import java.util.Map;

/** Mach message type codes ({@code msgt_name}) and right-disposition conversions (PROTOCOLS 1.6). */
public final class MsgTypes {
    public static final int UNSTRUCTURED = 0, BOOLEAN = 0, BIT = 0;
    public static final int INTEGER_16 = 1, INTEGER_32 = 2, CHAR = 8, BYTE = 9, INTEGER_8 = 9;
    public static final int REAL = 10, INTEGER_64 = 11, STRING = 12, STRING_C = 12;
    public static final int PORT_NAME = 15;
    public static final int MOVE_RECEIVE = 16, MOVE_SEND = 17, MOVE_SEND_ONCE = 18;
    public static final int COPY_SEND = 19, MAKE_SEND = 20, MAKE_SEND_ONCE = 21;
    public static final int PORT_RECEIVE = 16, PORT_SEND = 17, PORT_SEND_ONCE = 18;
    /** MIG's compile-time placeholder; never on the wire. */
    public static final int POLYMORPHIC = -1;

    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("UNSTRUCTURED", 0), Map.entry("BIT", 0), Map.entry("BOOLEAN", 0),
            Map.entry("INTEGER_16", 1), Map.entry("INTEGER_32", 2), Map.entry("CHAR", 8),
            Map.entry("BYTE", 9), Map.entry("INTEGER_8", 9), Map.entry("REAL", 10),
            Map.entry("INTEGER_64", 11), Map.entry("STRING", 12), Map.entry("STRING_C", 12),
            Map.entry("PORT_NAME", 15), Map.entry("MOVE_RECEIVE", 16), Map.entry("MOVE_SEND", 17),
            Map.entry("MOVE_SEND_ONCE", 18), Map.entry("COPY_SEND", 19), Map.entry("MAKE_SEND", 20),
            Map.entry("MAKE_SEND_ONCE", 21), Map.entry("PORT_RECEIVE", 16), Map.entry("PORT_SEND", 17),
            Map.entry("PORT_SEND_ONCE", 18), Map.entry("POLYMORPHIC", -1));

    private MsgTypes() {}

    /** Code of a symbol written with or without the {@code MACH_MSG_TYPE_} prefix, or null. */
    public static Integer code(String symbol) {
        String s = symbol.startsWith("MACH_MSG_TYPE_") ? symbol.substring(14) : symbol;
        if (s.equalsIgnoreCase("polymorphic")) return POLYMORPHIC;
        return CODES.get(s);
    }

    /** True for codes that denote port rights (16..21). */
    public static boolean isPortRight(int code) {
        return code >= MOVE_RECEIVE && code <= MAKE_SEND_ONCE;
    }

    /** The code a receiver sees for a right sent with disposition {@code code}. */
    public static int received(int code) {
        switch (code) {
            case COPY_SEND: case MAKE_SEND: return PORT_SEND;
            case MAKE_SEND_ONCE: return PORT_SEND_ONCE;
            default: return code;
        }
    }

    /** Symbol of a received code (as MIG spells the out-name). */
    public static String receivedSymbol(String inSymbol) {
        switch (inSymbol) {
            case "MOVE_RECEIVE": return "PORT_RECEIVE";
            case "MOVE_SEND": case "COPY_SEND": case "MAKE_SEND": return "PORT_SEND";
            case "MOVE_SEND_ONCE": case "MAKE_SEND_ONCE": return "PORT_SEND_ONCE";
            default: return inSymbol;
        }
    }
}
