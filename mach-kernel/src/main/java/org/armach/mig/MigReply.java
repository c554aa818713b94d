package org.armach.mig;

import java.util.Map;

/**
 * A decoded reply as a MIG client sees it.
 *
 * @param retCode RetCode, or the MIG error the client stub would return (-300..-309)
 * @param values  out values by argument name (empty unless retCode is KERN_SUCCESS)
 */
public record MigReply(int retCode, Map<String, Object> values) {
    public Object get(String name) { return values.get(name); }

    public int getInt(String name) { return ((Number) values.get(name)).intValue(); }

    public long getLong(String name) { return ((Number) values.get(name)).longValue(); }
}
