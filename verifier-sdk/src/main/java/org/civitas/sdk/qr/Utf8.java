package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629) for CBOR text strings, which must be valid UTF-8 (RFC 8949 §3.1). The JDK's
 * {@code new String(bytes, UTF_8)} silently replaces what is malformed; here malformed input is an error.
 */
final class Utf8 {

    private Utf8() { }

    /** Encodes; a lone surrogate cannot be written as UTF-8 and is an {@link IllegalArgumentException}. */
    static byte[] encode(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("lone surrogate at " + i + ": not JSON text (RFC 8259 §8.2)");
                }
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes {@code length} bytes from {@code offset}; anything but shortest-form UTF-8 of scalar values fails. */
    static String decode(byte[] bytes, int offset, int length) throws FormatException {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) i++;
        if (i == end) return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);   // all ASCII
        char[] out = new char[length];
        int o = 0;
        for (int k = offset; k < i; k++) out[o++] = (char) bytes[k];
        while (i < end) {
            int b = bytes[i++];
            if (b >= 0) {
                out[o++] = (char) b;
                continue;
            }
            b &= 0xFF;
            int need;
            int cp;
            int min;
            if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; min = 0x80; }
            else if (b >= 0xE0 && b <= 0xEF) { need = 2; cp = b & 0x0F; min = 0x800; }
            else if (b >= 0xF0 && b <= 0xF4) { need = 3; cp = b & 0x07; min = 0x10000; }
            else throw malformed(i - 1 - offset);
            if (i + need > end) throw malformed(i - 1 - offset);
            for (int k = 0; k < need; k++) {
                int c = bytes[i++] & 0xFF;
                if ((c & 0xC0) != 0x80) throw malformed(i - 1 - offset);
                cp = cp << 6 | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw malformed(i - 1 - offset);
            if (cp >= 0x10000) {
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
            } else {
                out[o++] = (char) cp;
            }
        }
        return new String(out, 0, o);
    }

    /** The number of UTF-8 bytes of {@code value}, which holds no lone surrogate. */
    static int length(CharSequence value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    private static FormatException malformed(int at) {
        return new FormatException("CBOR text", "malformed UTF-8 at byte " + at);
    }
}
