package org.civitas.sdk.internal;

/** Small text routines: quoting untrusted text in error messages, reading fixed-width decimal fields. */
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

    /** The decimal value of {@code count} ASCII digits of {@code text} from {@code from}, or -1 if one is not a digit. */
    public static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
