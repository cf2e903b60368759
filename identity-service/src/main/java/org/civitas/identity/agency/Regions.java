package org.civitas.identity.agency;

/**
 * Region codes of the trust registry, as the ledger reads them: six-digit GB/T 2260 administrative division codes
 * (province {@code 310000}, prefecture {@code 310100}, county {@code 310101}), {@code 000000} for the whole
 * country. A code covers every code sharing its non-zero prefix.
 */
public final class Regions {

    private Regions() { }

    /** Whether the text is a six-digit code. */
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

    private static String significantPrefix(String code) {
        int end = code.length();
        while (end >= 2 && code.charAt(end - 1) == '0' && code.charAt(end - 2) == '0') end -= 2;
        return code.substring(0, end);
    }
}
