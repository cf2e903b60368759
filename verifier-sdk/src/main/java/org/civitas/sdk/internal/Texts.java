package org.civitas.sdk.internal;

/** Quoting of untrusted text in error messages. */
public final class Texts {

    /** Longest piece of untrusted text quoted in a message; longer values are cut, so messages stay readable. */
    private static final int MAX_QUOTED = 80;

    private Texts() { }

    /** Quotes untrusted text for an error message, cutting it to a readable length. */
    public static String quote(String text) {
        if (text == null) return "null";
        if (text.length() <= MAX_QUOTED) return '"' + text + '"';
        return '"' + text.substring(0, MAX_QUOTED) + "…\" (" + text.length() + " characters)";
    }
}
