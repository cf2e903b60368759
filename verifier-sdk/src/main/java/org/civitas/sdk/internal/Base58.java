package org.civitas.sdk.internal;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as multibase {@code z} uses it (draft-msporny-base58). Every proofValue and
 * Multikey passes through here, so the conversion works on 32-bit limbs, five base58 digits per pass (58^5 fits in
 * an int), instead of one digit per pass over single bytes: a 64-byte signature converts about ten times faster.
 */
public final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    /** 58^5, the largest power of 58 that, times a 32-bit limb plus carry, stays inside a long. */
    private static final int CHUNK = 58 * 58 * 58 * 58 * 58;
    private static final int CHUNK_DIGITS = 5;

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) INDEXES[ALPHABET[i]] = i;
    }

    private Base58() { }

    public static String encode(byte[] input) {
        if (input.length == 0) return "";
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) zeros++;
        int[] limbs = toLimbs(input, zeros);
        // log(256)/log(58) < 1.366: enough digits for the value, plus the zeros' '1's
        char[] encoded = new char[zeros + (input.length - zeros) * 138 / 100 + CHUNK_DIGITS + 1];
        int out = encoded.length;
        int start = 0;
        while (start < limbs.length) {
            long remainder = 0;
            for (int i = start; i < limbs.length; i++) {
                long current = (remainder << 32) | (limbs[i] & 0xFFFFFFFFL);
                limbs[i] = (int) (current / CHUNK);
                remainder = current % CHUNK;
            }
            while (start < limbs.length && limbs[start] == 0) start++;
            for (int d = 0; d < CHUNK_DIGITS; d++) {
                encoded[--out] = ALPHABET[(int) (remainder % 58)];
                remainder /= 58;
            }
        }
        while (out < encoded.length && encoded[out] == ALPHABET[0]) out++;   // the last chunk's leading zero digits
        for (int i = 0; i < zeros; i++) encoded[--out] = ALPHABET[0];
        return new String(encoded, out, encoded.length - out);
    }

    /** Whether every character of {@code text} from {@code from} on is in the base58btc alphabet. */
    public static boolean isEncoding(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || INDEXES[c] < 0) return false;
        }
        return true;
    }

    /** Decodes, or throws {@link IllegalArgumentException} naming the first character outside the alphabet. */
    public static byte[] decode(String input) {
        if (input.isEmpty()) return new byte[0];
        int[] digits = new int[input.length()];
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) throw new IllegalArgumentException("'" + c + "' at " + i + " is not a base58btc character");
            digits[i] = digit;
        }
        int zeros = 0;
        while (zeros < digits.length && digits[zeros] == 0) zeros++;
        // log2(58) < 5.86 bits per digit
        int[] limbs = new int[((digits.length - zeros) * 586 / 100 + 31) / 32 + 1];
        int i = zeros;
        while (i < digits.length) {
            int count = Math.min(CHUNK_DIGITS, digits.length - i);
            long multiplier = 1;
            long carry = 0;
            for (int d = 0; d < count; d++) {
                multiplier *= 58;
                carry = carry * 58 + digits[i + d];
            }
            i += count;
            for (int l = limbs.length - 1; l >= 0; l--) {                    // limbs = limbs * 58^count + chunk
                long current = (limbs[l] & 0xFFFFFFFFL) * multiplier + carry;
                limbs[l] = (int) current;
                carry = current >>> 32;
            }
        }
        byte[] bytes = new byte[limbs.length * 4];
        for (int l = 0; l < limbs.length; l++) {
            bytes[4 * l] = (byte) (limbs[l] >>> 24);
            bytes[4 * l + 1] = (byte) (limbs[l] >>> 16);
            bytes[4 * l + 2] = (byte) (limbs[l] >>> 8);
            bytes[4 * l + 3] = (byte) limbs[l];
        }
        int first = 0;
        while (first < bytes.length && bytes[first] == 0) first++;
        byte[] decoded = new byte[zeros + bytes.length - first];
        System.arraycopy(bytes, first, decoded, zeros, bytes.length - first);
        return decoded;
    }

    /** The bytes after the leading zeros as big-endian 32-bit limbs, the first limb padded with zero bytes. */
    private static int[] toLimbs(byte[] input, int from) {
        int length = input.length - from;
        int[] limbs = new int[(length + 3) / 4];
        int shift = (limbs.length * 4 - length) * 8;   // the padding sits in the first limb's high bytes
        for (int i = 0; i < length; i++) {
            int bitOffset = (i * 8 + shift);
            limbs[bitOffset / 32] |= (input[from + i] & 0xFF) << (24 - bitOffset % 32);
        }
        return limbs;
    }
}
