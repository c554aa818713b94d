package org.armach.mig;

/**
 * An out-of-line item: the IPC layer's object for the memory (or port array) and its element count.
 *
 * @param data    what {@link SlotCodec#decodeOutOfLine} returned, or what to send
 * @param count   number of elements
 * @param dealloc msgt_deallocate
 */
public record OutOfLine(Object data, int count, boolean dealloc) {}
