package org.civitas.sdk.did;

import org.civitas.sdk.FormatException;

/**
 * A decentralized identifier, {@code did:<method>:<method-specific-id>} (DID Core §3.1). Immutable.
 *
 * @param method           the method name: lowercase letters and digits
 * @param methodSpecificId the method-specific id: {@code idchar}s, percent-encodings and inner colons
 */
public record Did(String method, String methodSpecificId) {

    public Did {
        // a character scan, not a regular expression: every proof a counter verifies parses several DIDs
        if (method == null || !isMethod(method) || methodSpecificId == null || !isMethodSpecificId(methodSpecificId)) {
            throw new IllegalArgumentException("not a DID: did:" + method + ":" + methodSpecificId);
        }
    }

    /** DID Core §3.1 method-name: {@code 1*method-char}, method-char = %x61-7A / DIGIT. */
    private static boolean isMethod(String method) {
        if (method.isEmpty()) return false;
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
        }
        return true;
    }

    /**
     * DID Core §3.1: {@code *( *idchar ":" ) 1*idchar}, idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded:
     * idchars, percent-encodings and colons, not ending with a colon.
     */
    private static boolean isMethodSpecificId(String id) {
        int n = id.length();
        if (n == 0 || id.charAt(n - 1) == ':') return false;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !isHex(id.charAt(i + 1)) || !isHex(id.charAt(i + 2))) return false;
                i += 2;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Reads untrusted text: a malformed DID is a {@link FormatException}, never a crash. */
    public static Did parse(String text) throws FormatException {
        int colon = text.startsWith("did:") ? text.indexOf(':', 4) : -1;
        if (colon < 0) throw new FormatException("DID", "expected did:<method>:<id>, got '" + abbreviate(text) + "'");
        try {
            return new Did(text.substring(4, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new FormatException("DID", "'" + abbreviate(text) + "' has characters DID Core §3.1 does not allow");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override public String toString() { return "did:" + method + ":" + methodSpecificId; }
}
