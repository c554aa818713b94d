package org.armach.mig;

import java.util.List;

/**
 * The body layout of a request or reply of one routine.
 *
 * @param routine  the routine
 * @param request  true for the request, false for the reply
 * @param items    body items in wire order
 * @param minSize  smallest valid msgh_size (variable items empty / out-of-line)
 * @param maxSize  largest msgh_size (variable items at their inline maximum)
 */
public record MessageLayout(Routine routine, boolean request, List<LayoutItem> items, int minSize, int maxSize) {

    public static final int HEADER_SIZE = 32;

    public MessageLayout {
        items = List.copyOf(items);
    }

    /** True if the size is fixed. */
    public boolean fixedSize() {
        for (LayoutItem it : items) if (it.variableInline()) return false;
        return true;
    }

    /** True if the message carries port rights or out-of-line memory (MACH_MSGH_BITS_COMPLEX). */
    public boolean complex() {
        for (LayoutItem it : items) if (it.type().isPort() || it.outOfLine()) return true;
        return false;
    }

    /** True if the message may be complex depending on run-time choices (indefinite arrays). */
    public boolean maybeComplex() {
        if (complex()) return true;
        for (LayoutItem it : items) if (it.type().kind() == TypeKind.INDEFINITE) return true;
        return false;
    }

    /** The item with the given name, or null. */
    public LayoutItem item(String name) {
        int i = indexOf(name);
        return i < 0 ? null : items.get(i);
    }

    /** Position of the item with the given name, or -1 (messages have a handful of items). */
    public int indexOf(String name) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).name().equals(name)) return i;
        return -1;
    }
}
