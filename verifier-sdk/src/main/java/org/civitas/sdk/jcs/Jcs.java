package org.civitas.sdk.jcs;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The JSON Canonicalization Scheme, RFC 8785: object members sorted by their UTF-16 code units (§3.2.3), strings
 * with the minimal escaping of ECMAScript {@code JSON.stringify} (§3.2.2.2), numbers as IEEE-754 doubles in
 * ECMAScript {@code Number.prototype.toString} form (§3.2.2.3), no whitespace, UTF-8 output (§3.2.4).
 *
 * <p>Input must be I-JSON (RFC 7493): read untrusted text with {@link IJson}, which rejects what this class
 * cannot canonicalise. A tree built in code with NaN, an infinity or a lone surrogate is a programming error
 * ({@link IllegalArgumentException}). Stateless and thread-safe.
 */
public final class Jcs {

    /** 2^53: below it every integral double prints as its exact integer. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Jcs() { }

    /** The canonical UTF-8 bytes of a JSON value. */
    public static byte[] canonicalize(JsonNode value) {
        Sink sink = new Sink(512);
        write(value, sink);
        return sink.toByteArray();
    }

    /** The canonical form as a string (the UTF-8 bytes of {@link #canonicalize} decoded). */
    public static String canonicalString(JsonNode value) {
        return new String(canonicalize(value), StandardCharsets.UTF_8);
    }

    /**
     * The canonical UTF-8 bytes of one JSON string, quotes included (§3.2.2.2): for code that writes a canonical
     * document from parts it already holds in canonical form, member by member in §3.2.3 order.
     *
     * @throws IllegalArgumentException if the text holds a lone surrogate (not I-JSON)
     */
    public static byte[] stringLiteral(String value) {
        Sink sink = new Sink(value.length() + 8);
        writeString(value, sink);
        return sink.toByteArray();
    }

    /**
     * A double in ECMAScript {@code Number.prototype.toString} form (ECMA-262 §7.1.12.1, RFC 8785 §3.2.2.3): the
     * shortest decimal that reads back as the same double, {@code -0} as {@code 0}, exponents from 1e21 and below
     * 1e-6.
     */
    public static String serializeNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value + " (RFC 8785 §3.2.2.3)");
        }
        if (value == 0) return "0";
        if (Math.abs(value) < EXACT_INTEGER_LIMIT && value == Math.rint(value)) return Long.toString((long) value);
        ShortestDecimal decimal = ShortestDecimal.of(Math.abs(value));
        String formatted = format(decimal.digits, decimal.exponent);
        return value < 0 ? "-" + formatted : formatted;
    }

    /** ECMA-262 §7.1.12.1 steps 6-10, for digits {@code s} (k of them) and the value {@code s × 10^(n-k)}. */
    private static String format(String s, int n) {
        int k = s.length();
        if (k <= n && n <= 21) return s + zeros(n - k);
        if (0 < n && n <= 21) return s.substring(0, n) + "." + s.substring(n);
        if (-6 < n && n <= 0) return "0." + zeros(-n) + s;
        int e = n - 1;
        String exponent = (e < 0 ? "e-" : "e+") + Math.abs(e);
        return k == 1 ? s + exponent : s.charAt(0) + "." + s.substring(1) + exponent;
    }

    private static String zeros(int count) {
        char[] zeros = new char[count];
        Arrays.fill(zeros, '0');
        return new String(zeros);
    }

    /** The shortest digits that round-trip, nearest to the exact value, even on a tie (ECMA-262 §7.1.12.1 step 5). */
    private static final class ShortestDecimal {
        final String digits;
        final int exponent;

        private ShortestDecimal(String digits, int exponent) {
            this.digits = digits;
            this.exponent = exponent;
        }

        static ShortestDecimal of(double positive) {
            BigDecimal exact = new BigDecimal(positive);
            for (int precision = 1; precision <= 17; precision++) {
                BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
                BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
                boolean downOk = Double.parseDouble(down.toString()) == positive;
                boolean upOk = Double.parseDouble(up.toString()) == positive;
                if (!downOk && !upOk) continue;
                BigDecimal chosen;
                if (downOk && upOk && !down.equals(up)) {
                    int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                    chosen = cmp < 0 ? down : cmp > 0 ? up
                        : (down.unscaledValue().testBit(0) ? up : down);
                } else {
                    chosen = downOk ? down : up;
                }
                BigDecimal stripped = chosen.stripTrailingZeros();
                String digits = stripped.unscaledValue().toString();
                return new ShortestDecimal(digits, digits.length() - stripped.scale());
            }
            throw new AssertionError("17 significant digits always round-trip a double");
        }
    }

    private static void write(JsonNode node, Sink out) {
        switch (node.getNodeType()) {
            case OBJECT: {
                String[] names = new String[node.size()];
                Iterator<String> it = node.fieldNames();
                for (int i = 0; i < names.length; i++) names[i] = it.next();
                Arrays.sort(names);   // String order is UTF-16 code-unit order, as §3.2.3 requires
                out.put('{');
                for (int i = 0; i < names.length; i++) {
                    if (i > 0) out.put(',');
                    writeString(names[i], out);
                    out.put(':');
                    write(node.get(names[i]), out);
                }
                out.put('}');
                return;
            }
            case ARRAY: {
                out.put('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) out.put(',');
                    write(node.get(i), out);
                }
                out.put(']');
                return;
            }
            case STRING:
                writeString(node.textValue(), out);
                return;
            case NUMBER:
                out.putAscii(node.isIntegralNumber() && node.canConvertToLong()
                        && Math.abs(node.longValue()) < (long) EXACT_INTEGER_LIMIT
                    ? Long.toString(node.longValue())
                    : serializeNumber(node.doubleValue()));
                return;
            case BOOLEAN:
                out.putAscii(node.booleanValue() ? "true" : "false");
                return;
            case NULL:
                out.putAscii("null");
                return;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** RFC 8785 §3.2.2.2: escape only the quote, the backslash and controls; everything else as UTF-8. */
    private static void writeString(String value, Sink out) {
        out.put('"');
        if (isPlain(value)) {
            // The common case: nothing to escape and no surrogates, so the platform's (intrinsic) UTF-8 encoder
            // writes the exact bytes in one go.
            out.putBytes(value.getBytes(StandardCharsets.UTF_8));
            out.put('"');
            return;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"': out.put('\\'); out.put('"'); break;
                    case '\\': out.put('\\'); out.put('\\'); break;
                    case '\b': out.put('\\'); out.put('b'); break;
                    case '\f': out.put('\\'); out.put('f'); break;
                    case '\n': out.put('\\'); out.put('n'); break;
                    case '\r': out.put('\\'); out.put('r'); break;
                    case '\t': out.put('\\'); out.put('t'); break;
                    default:
                        if (c < 0x20) {
                            out.put('\\'); out.put('u'); out.put('0'); out.put('0');
                            out.put(HEX[c >> 4]); out.put(HEX[c & 0xF]);
                        } else {
                            out.put(c);
                        }
                }
            } else if (c < 0x800) {
                out.put(0xC0 | (c >> 6));
                out.put(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out.put(0xF0 | (cp >> 18));
                out.put(0x80 | ((cp >> 12) & 0x3F));
                out.put(0x80 | ((cp >> 6) & 0x3F));
                out.put(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lone surrogate U+" + Integer.toHexString(c)
                    + " at " + i + ": not I-JSON (RFC 7493 §2.1)");
            } else {
                out.put(0xE0 | (c >> 12));
                out.put(0x80 | ((c >> 6) & 0x3F));
                out.put(0x80 | (c & 0x3F));
            }
        }
        out.put('"');
    }

    /** No character needs escaping and none is a surrogate. */
    private static boolean isPlain(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) return false;
        }
        return true;
    }

    /** A growable byte buffer: cheaper than a stream on this hot path. */
    private static final class Sink {
        private byte[] bytes;
        private int size;

        Sink(int capacity) { bytes = new byte[capacity]; }

        void put(int b) {
            if (size == bytes.length) bytes = Arrays.copyOf(bytes, size * 2);
            bytes[size++] = (byte) b;
        }

        void putBytes(byte[] more) {
            if (size + more.length > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more.length));
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        void putAscii(String text) {
            for (int i = 0; i < text.length(); i++) put(text.charAt(i));
        }

        byte[] toByteArray() { return Arrays.copyOf(bytes, size); }
    }
}
