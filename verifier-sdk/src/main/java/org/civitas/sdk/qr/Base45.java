package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;

import java.util.Arrays;

/**
 * The Base45 encoding of RFC 9285: every two bytes become three characters of the 45-character QR alphanumeric
 * alphabet ({@code 0-9 A-Z space $ % * + - . / :}), a last odd byte two characters (§4). Text in this alphabet is
 * stored by a QR code in alphanumeric mode at 5.5 bits a character, so Base45 costs less QR space than Base64
 * in byte mode. Stateless and thread-safe.
 */
public final class Base45 {

    /** RFC 9285 §4, Table 1: the value of each character is its index. */
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final char[] CHARS = ALPHABET.toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < CHARS.length; i++) VALUES[CHARS[i]] = i;
    }

    private Base45() { }

    /** Encodes bytes (RFC 9285 §4.1). The result is {@code 3 * (n / 2) + 2 * (n % 2)} characters long. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length / 2 * 3 + bytes.length % 2 * 2];
        int o = 0;
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
            out[o++] = CHARS[n % 45];
            out[o++] = CHARS[n / 45 % 45];
            out[o++] = CHARS[n / 2025];
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xFF;
            out[o++] = CHARS[n % 45];
            out[o] = CHARS[n / 45];
        }
        return new String(out);
    }

    /**
     * Decodes Base45 text (RFC 9285 §4.2). A character outside the alphabet, a length of the form {@code 3k + 1}, or
     * a group whose value exceeds what its bytes can hold (§6: above 65535 for three characters, 255 for two) is a
     * {@link FormatException}.
     */
    public static byte[] decode(CharSequence text) throws FormatException {
        int length = text.length();
        if (length % 3 == 1) throw new FormatException("Base45", "length " + length + " leaves one character over");
        byte[] out = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int o = 0;
        int i = 0;
        for (; i + 2 < length; i += 3) {
            int n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 2025;
            if (n > 0xFFFF) throw new FormatException("Base45", "the group at " + i + " exceeds two bytes");
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        if (i < length) {
            int n = value(text, i) + value(text, i + 1) * 45;
            if (n > 0xFF) throw new FormatException("Base45", "the last group exceeds one byte");
            out[o] = (byte) n;
        }
        return out;
    }

    /** Whether every character is in the alphabet (and so in the QR alphanumeric set). */
    static boolean isAlphabet(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUES[c] < 0) return false;
        }
        return true;
    }

    private static int value(CharSequence text, int at) throws FormatException {
        char c = text.charAt(at);
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) throw new FormatException("Base45", "character at " + at + " is not in the Base45 alphabet");
        return v;
    }
}
