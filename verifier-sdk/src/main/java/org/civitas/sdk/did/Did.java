package org.civitas.sdk.did;

import org.civitas.sdk.FormatException;

import java.util.regex.Pattern;

/**
 * A decentralized identifier, {@code did:<method>:<method-specific-id>} (DID Core §3.1). Immutable.
 *
 * @param method           the method name: lowercase letters and digits
 * @param methodSpecificId the method-specific id: {@code idchar}s, percent-encodings and inner colons
 */
public record Did(String method, String methodSpecificId) {

    private static final Pattern METHOD = Pattern.compile("[a-z0-9]+");
    /** DID Core §3.1: {@code *( *idchar ":" ) 1*idchar}, idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded. */
    private static final Pattern METHOD_SPECIFIC_ID =
        Pattern.compile("(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+");

    public Did {
        if (method == null || !METHOD.matcher(method).matches()
                || methodSpecificId == null || !METHOD_SPECIFIC_ID.matcher(methodSpecificId).matches()) {
            throw new IllegalArgumentException("not a DID: did:" + method + ":" + methodSpecificId);
        }
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
