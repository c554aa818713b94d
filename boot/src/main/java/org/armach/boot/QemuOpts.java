package org.armach.boot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * QEMU's option-string syntax ({@code -machine virt,gic-version=3},
 * {@code -device guest-loader,addr=0x4000,kernel=f,bootargs=a,,b}): comma-separated
 * {@code key=value} pairs where ",," stands for a literal comma, and a first element
 * without '=' is the value of an implied key (the machine type, the device driver).
 */
public final class QemuOpts {
    private QemuOpts() {}

    /** Splits on single commas, turning ",," into ",". */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                } else {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * Parses into an ordered map. A first element without '=' is stored under
     * {@code impliedKey} (if null, it is an error). Later duplicates override earlier ones.
     */
    public static Map<String, String> parse(String option, String s, String impliedKey) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> parts = split(s);
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq < 0) {
                if (i == 0 && impliedKey != null) {
                    if (!p.isEmpty()) m.put(impliedKey, p);
                    continue;
                }
                if (p.isEmpty()) continue;
                throw new UsageException(option + ": parameter '" + p + "' expects a value (" + p + "=...)");
            }
            String k = p.substring(0, eq);
            if (k.isEmpty()) throw new UsageException(option + ": empty parameter name in '" + s + "'");
            m.put(k, p.substring(eq + 1));
        }
        return m;
    }

    /** QEMU's boolean spellings. */
    public static boolean bool(String option, String key, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "on": case "yes": case "true": case "y": return true;
            case "off": case "no": case "false": case "n": return false;
            default: throw new UsageException(option + ": parameter '" + key + "' expects 'on' or 'off', not '" + v + "'");
        }
    }

    /** An unsigned integer as QEMU's property parser takes it: decimal, 0x hex or 0-prefixed octal. */
    public static long uint(String option, String key, String v) {
        String t = v.trim();
        try {
            if (t.isEmpty() || t.startsWith("-") || t.startsWith("+")) throw new NumberFormatException();
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.length() > 1 && t.startsWith("0")) return Long.parseUnsignedLong(t.substring(1), 8);
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": parameter '" + key + "' expects a number, not '" + v + "'");
        }
    }

    /**
     * A size as QEMU's {@code -m} reads it: a number (possibly fractional) with an optional
     * suffix B, K, M, G, T, P, E (powers of 1024, either case); no suffix means MiB.
     */
    public static long sizeMiB(String option, String v) {
        String t = v.trim();
        if (t.isEmpty()) throw new UsageException(option + ": missing size");
        char last = t.charAt(t.length() - 1);
        int shift = 20;
        if (Character.isLetter(last)) {
            switch (Character.toUpperCase(last)) {
                case 'B': shift = 0; break;
                case 'K': shift = 10; break;
                case 'M': shift = 20; break;
                case 'G': shift = 30; break;
                case 'T': shift = 40; break;
                case 'P': shift = 50; break;
                case 'E': shift = 60; break;
                default: throw new UsageException(option + ": invalid size '" + v + "' (use a number with an optional K, M, G or T suffix)");
            }
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal n;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) n = new BigDecimal(new java.math.BigInteger(t.substring(2), 16));
            else n = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": invalid size '" + v + "' (use a number with an optional K, M, G or T suffix)");
        }
        if (n.signum() < 0) throw new UsageException(option + ": invalid size '" + v + "'");
        BigDecimal bytes = n.multiply(BigDecimal.valueOf(2).pow(shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) throw new UsageException(option + ": size '" + v + "' is too large");
        return bytes.longValue();
    }
}
