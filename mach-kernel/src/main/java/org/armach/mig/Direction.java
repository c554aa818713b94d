package org.armach.mig;

/** MIG argument kinds. Only IN, OUT and INOUT occupy message body items. */
public enum Direction {
    REQUEST_PORT, IN, OUT, INOUT, REPLY_PORT, SREPLY_PORT, UREPLY_PORT, WAITTIME, MSGOPTION, MSGSEQNO;

    public boolean inRequest() { return this == IN || this == INOUT; }

    public boolean inReply() { return this == OUT || this == INOUT; }

    /** Parses a MIG direction keyword, or returns null. */
    public static Direction keyword(String w) {
        switch (w) {
            case "in": return IN;
            case "out": return OUT;
            case "inout": return INOUT;
            case "requestport": return REQUEST_PORT;
            case "replyport": return REPLY_PORT;
            case "sreplyport": return SREPLY_PORT;
            case "ureplyport": return UREPLY_PORT;
            case "waittime": return WAITTIME;
            case "msgoption": return MSGOPTION;
            case "msgseqno": return MSGSEQNO;
            default: return null;
        }
    }
}
