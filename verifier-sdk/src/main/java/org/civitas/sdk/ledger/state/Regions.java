package org.civitas.sdk.ledger.state;

import java.util.List;

/**
 * Region codes of the trust registry: six-digit GB/T 2260 administrative division codes (province 31 0000,
 * prefecture 3101 00, county 310101), plus {@code 000000} for the whole country. A code covers every code that
 * shares its non-zero prefix: {@code 310000} covers {@code 310101}; {@code 000000} covers all.
 */
public final class Regions {

    /** The whole country. */
    public static final String NATIONWIDE = "000000";

    private Regions() { }

    /** Whether the string is a six-digit region code. */
    public static boolean isValid(String code) {
        if (code.length() != 6) return false;
        for (int i = 0; i < 6; i++) if (code.charAt(i) < '0' || code.charAt(i) > '9') return false;
        return true;
    }

    /** Whether {@code granted} covers {@code requested} (equal, or a larger division containing it). */
    public static boolean covers(String granted, String requested) {
        String prefix = significantPrefix(granted);
        return requested.startsWith(prefix) && significantPrefix(requested).length() >= prefix.length();
    }

    /** Whether any of the granted codes covers the requested one. */
    public static boolean anyCovers(List<String> granted, String requested) {
        for (String g : granted) if (covers(g, requested)) return true;
        return false;
    }

    /** The code without its trailing pairs of zeros: "310000" → "31", "310100" → "3101", "000000" → "". */
    private static String significantPrefix(String code) {
        int end = code.length();
        while (end >= 2 && code.charAt(end - 1) == '0' && code.charAt(end - 2) == '0') end -= 2;
        return code.substring(0, end);
    }
}
