package org.civitas.sdk.qr;

import org.civitas.sdk.internal.Base58;
import org.civitas.sdk.internal.Texts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * The string shapes CIV1 writes as typed CBOR items (docs/qr-format.md §5), with their exact text forms. Every
 * {@code read...} method answers null unless formatting its result gives back exactly the text it was given, so
 * that a typed item never changes a document. Stateless and thread-safe.
 */
final class TypedStrings {

    static final String DID_KEY = "did:key:z";
    static final String DID_CIVITAS = "did:civitas:";
    static final String URN_UUID = "urn:uuid:";
    static final String HTTPS = "https://";
    /** A DID fragment of this prefix and a decimal number is written as the number (§5.5). */
    static final String KEY_FRAGMENT = "key-";
    /**
     * Base64url strings shorter than this stay text (§5.14): short ones are mostly words, which DEFLATE's Huffman
     * codes shrink as well as bytes would; longer ones are mostly random values (nonces, salts, hashes).
     */
    static final int MIN_BASE64URL_CHARACTERS = 16;
    /** 2^64 - 1, the largest number a §5.12 item holds. */
    private static final String MAX_UNSIGNED_64 = "18446744073709551615";
    /** Typed base58 items hold at most this many bytes: base58 costs time quadratic in the length. */
    static final int MAX_BASE58_BYTES = 1024;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long MIN_SECONDS = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_SECONDS = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
    private static final int MAX_OFFSET_MINUTES = 14 * 60;

    private TypedStrings() { }

    /** A date-time read from {@code YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)} in the canonical form of §5.2. */
    record DateTime(long seconds, int nanos, int offsetMinutes) {
        boolean isPlainUtc() { return nanos == 0 && offsetMinutes == 0; }
    }

    static DateTime readDateTime(String text) {
        int length = text.length();
        if (length < 20 || length > 35 || text.charAt(10) != 'T') return null;
        int zone;
        int offsetMinutes;
        if (text.charAt(length - 1) == 'Z') {
            zone = length - 1;
            offsetMinutes = 0;
        } else {
            zone = length - 6;
            char sign = text.charAt(zone);
            if ((sign != '+' && sign != '-') || text.charAt(zone + 3) != ':') return null;
            int hours = Texts.digits(text, zone + 1, 2);
            int minutes = Texts.digits(text, zone + 4, 2);
            if (hours < 0 || minutes < 0) return null;
            offsetMinutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
            if (offsetMinutes == 0 || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;   // UTC is written Z
        }
        int year = Texts.digits(text, 0, 4);
        int month = Texts.digits(text, 5, 2);
        int day = Texts.digits(text, 8, 2);
        int hour = Texts.digits(text, 11, 2);
        int minute = Texts.digits(text, 14, 2);
        int second = Texts.digits(text, 17, 2);
        if (year < 1 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        int nanos = 0;
        if (zone > 19) {
            int fractionDigits = zone - 20;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) return null;
            nanos = Texts.digits(text, 20, fractionDigits);
            if (nanos <= 0) return null;
            for (int k = fractionDigits; k < 9; k++) nanos *= 10;
        }
        try {
            long seconds = LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                .toEpochSecond(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            DateTime read = new DateTime(seconds, nanos, offsetMinutes);
            return text.equals(formatDateTime(read.seconds, read.nanos, read.offsetMinutes)) ? read : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The canonical date-time text: local date and time at the offset, a fraction only when {@code nanos} is not
     * zero and then without trailing zeros, {@code Z} for offset zero, else {@code ±hh:mm}. Null when the local
     * year is outside 0001-9999 or an argument is out of range.
     */
    static String formatDateTime(long seconds, int nanos, int offsetMinutes) {
        if (nanos < 0 || nanos > 999_999_999 || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;
        long local = seconds + offsetMinutes * 60L;
        if (local < MIN_SECONDS || local > MAX_SECONDS) return null;
        LocalDateTime t = LocalDateTime.ofEpochSecond(local, nanos, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(35);
        date(out, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        out.append('T');
        two(out, t.getHour());
        out.append(':');
        two(out, t.getMinute());
        out.append(':');
        two(out, t.getSecond());
        if (nanos != 0) {
            out.append('.');
            int digits = 9;
            int fraction = nanos;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            String text = Integer.toString(fraction);
            for (int k = text.length(); k < digits; k++) out.append('0');
            out.append(text);
        }
        if (offsetMinutes == 0) {
            out.append('Z');
        } else {
            out.append(offsetMinutes < 0 ? '-' : '+');
            two(out, Math.abs(offsetMinutes) / 60);
            out.append(':');
            two(out, Math.abs(offsetMinutes) % 60);
        }
        return out.toString();
    }

    /** Days since 1970-01-01 of a {@code YYYY-MM-DD} date (year 0001-9999), or null. */
    static Long readDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') return null;
        int year = Texts.digits(text, 0, 4);
        int month = Texts.digits(text, 5, 2);
        int day = Texts.digits(text, 8, 2);
        if (year < 1 || month < 0 || day < 0) return null;
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DD} of a day count, or null outside the years 0001-9999. */
    static String formatDate(long epochDay) {
        if (epochDay < MIN_SECONDS / 86_400 || epochDay > MAX_SECONDS / 86_400) return null;
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        StringBuilder out = new StringBuilder(10);
        date(out, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        return out.toString();
    }

    /** The 16 bytes of {@code urn:uuid:} followed by a UUID in lowercase hex (RFC 9562 §4), or null. */
    static byte[] readUuid(String text) {
        if (text.length() != 45 || !text.startsWith(URN_UUID)) return null;
        byte[] out = new byte[16];
        int b = 0;
        for (int i = URN_UUID.length(); i < 45; i++) {
            int at = i - URN_UUID.length();
            char c = text.charAt(i);
            if (at == 8 || at == 13 || at == 18 || at == 23) {
                if (c != '-') return null;
                continue;
            }
            int high = lowerHex(c);
            int low = lowerHex(text.charAt(++i));
            if (high < 0 || low < 0) return null;
            out[b++] = (byte) (high << 4 | low);
        }
        return out;
    }

    static String formatUuid(byte[] uuid) {
        StringBuilder out = new StringBuilder(45).append(URN_UUID);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) out.append('-');
            out.append(HEX[(uuid[i] >> 4) & 0xF]).append(HEX[uuid[i] & 0xF]);
        }
        return out.toString();
    }

    /**
     * The bytes of base58btc text between {@code from} and {@code to}, or null when the text is empty, too long, or
     * holds a character outside the alphabet. Base58 text and bytes correspond one to one (leading {@code 1}s are
     * leading zero bytes), so re-encoding gives back the same text.
     */
    static byte[] readBase58(String text, int from, int to) {
        if (to <= from || (to - from) > MAX_BASE58_BYTES * 138 / 100) return null;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isBase58(c)) return null;
        }
        byte[] bytes = Base58.decode(text.substring(from, to));
        return bytes.length <= MAX_BASE58_BYTES ? bytes : null;
    }

    /**
     * §5.12: the number a string of decimal digits spells, as the bits of an unsigned 64-bit integer, or null when
     * the string is empty, has a character other than {@code 0-9}, a leading zero (other than {@code "0"} itself),
     * or a value of 2^64 or more; {@link Long#toUnsignedString} gives the string back.
     */
    static Long readDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_UNSIGNED_64.length() || (length > 1 && text.charAt(0) == '0')) return null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return null;
        }
        // digit strings of one length compare as their numbers do
        if (length == MAX_UNSIGNED_64.length() && text.compareTo(MAX_UNSIGNED_64) > 0) return null;
        return Long.parseUnsignedLong(text);
    }

    /**
     * §5.14: the bytes of a base64url string without padding (RFC 4648 §5) of at least
     * {@link #MIN_BASE64URL_CHARACTERS} characters, or null when it is shorter, holds another character, has a
     * length of the form 4k+1, or its last character has bits set that no byte uses (then re-encoding would not
     * give it back).
     */
    static byte[] readBase64Url(String text) {
        int length = text.length();
        if (length < MIN_BASE64URL_CHARACTERS || length % 4 == 1) return null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
            if (!alphabet) return null;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        return formatBase64Url(bytes).equals(text) ? bytes : null;
    }

    static String formatBase64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // §5.13: the packed form of text of ASCII and CJK characters. A byte below 0x80 is that ASCII character; a lead
    // byte starts a pair: 0x80-0xD1 an ideograph U+4E00-U+9FFF, 0xD2 U+3000-U+30FF (CJK punctuation, kana), 0xD3
    // U+FF00-U+FFFF (full-width forms); the second byte is the low eight bits past the range's start.
    private static final int IDEOGRAPHS = 0x4E00;
    private static final int IDEOGRAPH_LEADS = 0x80;
    private static final int PUNCTUATION = 0x3000;
    private static final int PUNCTUATION_LEAD = 0xD2;
    private static final int FULL_WIDTH = 0xFF00;
    private static final int FULL_WIDTH_LEAD = 0xD3;

    /**
     * The packed bytes of a string of ASCII and CJK characters with at least one CJK character, or null when it
     * has none or has any other character. Two bytes for a CJK character where UTF-8 takes three.
     */
    static byte[] readCjk(String text) {
        byte[] out = new byte[text.length() * 2];
        int n = 0;
        boolean cjk = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
                continue;
            }
            cjk = true;
            if (c >= IDEOGRAPHS && c <= 0x9FFF) {
                out[n++] = (byte) (IDEOGRAPH_LEADS + ((c - IDEOGRAPHS) >> 8));
            } else if (c >= PUNCTUATION && c <= 0x30FF) {
                out[n++] = (byte) PUNCTUATION_LEAD;
            } else if (c >= FULL_WIDTH) {
                out[n++] = (byte) FULL_WIDTH_LEAD;
            } else {
                return null;
            }
            out[n++] = (byte) c;   // the low eight bits: every range starts at a multiple of 256
        }
        return cjk ? Arrays.copyOf(out, n) : null;
    }

    /** The text of packed CJK bytes, or null when a lead byte is unassigned or has no second byte. */
    static String formatCjk(byte[] packed) {
        StringBuilder out = new StringBuilder(packed.length);
        for (int i = 0; i < packed.length; i++) {
            int b = packed[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                continue;
            }
            if (i + 1 == packed.length || b > FULL_WIDTH_LEAD) return null;
            int low = packed[++i] & 0xFF;
            if (b == PUNCTUATION_LEAD) out.append((char) (PUNCTUATION + low));
            else if (b == FULL_WIDTH_LEAD) out.append((char) (FULL_WIDTH + low));
            else out.append((char) (IDEOGRAPHS + ((b - IDEOGRAPH_LEADS) << 8) + low));
        }
        return out.toString();
    }

    static boolean isBase58(char c) {
        return (c >= '1' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O')
            || (c >= 'a' && c <= 'z' && c != 'l');
    }

    private static void date(StringBuilder out, int year, int month, int day) {
        if (year < 1000) out.append('0');
        if (year < 100) out.append('0');
        if (year < 10) out.append('0');
        out.append(year).append('-');
        two(out, month);
        out.append('-');
        two(out, day);
    }

    private static void two(StringBuilder out, int value) {
        if (value < 10) out.append('0');
        out.append(value);
    }

    private static int lowerHex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
