package org.armach.core.cpu.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;

/**
 * The A64 decode table as data. Sections register their encodings with {@link #add};
 * {@link #freeze()} sorts them (more fixed bits first, then registration order, so a
 * specific encoding shadows the general one it overlaps, like decodetree's overlap
 * groups) and indexes them by bits [31:21]. Decoding is then a short scan of one bucket,
 * and it happens once per instruction word thanks to the per-page decoded cache.
 */
public final class DecodeTable {
    private static final int BUCKET_SHIFT = 21;
    private static final int BUCKETS = 1 << (32 - BUCKET_SHIFT);

    private final List<Encoding> encodings = new ArrayList<>();
    private Encoding[][] buckets;
    private String section = "";
    private boolean fpSection;

    /** Sets the ARM ARM section recorded for the following {@link #add} calls. */
    public DecodeTable section(String name, boolean fpOrSimd) {
        this.section = name;
        this.fpSection = fpOrSimd;
        return this;
    }

    public DecodeTable add(String name, String pattern, Decoder d) {
        if (buckets != null) throw new IllegalStateException("table is frozen");
        encodings.add(new Encoding(name, pattern, section, d, fpSection, encodings.size()));
        return this;
    }

    public DecodeTable freeze() {
        List<Encoding> sorted = new ArrayList<>(encodings);
        sorted.sort(Comparator.comparingInt((Encoding e) -> -e.fixedBits()).thenComparingInt(e -> e.order));
        @SuppressWarnings("unchecked")
        List<Encoding>[] tmp = new List[BUCKETS];
        for (Encoding e : sorted) {
            int hm = e.mask >>> BUCKET_SHIFT, hv = e.value >>> BUCKET_SHIFT;
            // enumerate all bucket values compatible with the encoding's fixed high bits
            int free = ~hm & (BUCKETS - 1);
            int sub = 0;
            do {
                int b = hv | sub;
                if (tmp[b] == null) tmp[b] = new ArrayList<>();
                tmp[b].add(e);
                sub = (sub - free) & free;
            } while (sub != 0);
        }
        buckets = new Encoding[BUCKETS][];
        for (int i = 0; i < BUCKETS; i++) buckets[i] = tmp[i] == null ? new Encoding[0] : tmp[i].toArray(new Encoding[0]);
        return this;
    }

    public List<Encoding> encodings() { return Collections.unmodifiableList(encodings); }

    /** The first encoding matching {@code w}, regardless of whether its decoder accepts it. */
    public Encoding match(int w) {
        for (Encoding e : buckets[w >>> BUCKET_SHIFT]) if (e.matches(w)) return e;
        return null;
    }

    /**
     * Decodes {@code w} into {@code out}. Tries matching encodings in priority order; the
     * first whose decoder accepts the word wins. Returns the encoding, or null if the word
     * is UNDEFINED for this model (then {@code out.op} is left null).
     */
    public Encoding decode(int w, Insn out, CpuModel model) {
        for (Encoding e : buckets[w >>> BUCKET_SHIFT]) {
            if (!e.matches(w)) continue;
            Op op = e.decoder.decode(w, out, model);
            if (op != null) {
                out.op = op;
                out.raw = w;
                out.name = e.name;
                return e;
            }
        }
        return null;
    }
}
