package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Base58;
import org.civitas.sdk.ledger.CivitasDid;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CIV1 CBOR (docs/qr-format.md §3-§5) from untrusted bytes straight into a Jackson tree. Bounded: nesting
 * depth, the characters the document may expand to, and the bytes a typed item may hold are limited, and every
 * length is checked against the input left, so hostile input fails fast with a {@link FormatException} naming
 * the problem. Not thread-safe; one reader per document.
 */
final class DocumentReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** Past 10^±400 every 64-bit mantissa gives an infinity or zero; JCS digits of a double stay within ±342. */
    private static final int MAX_DECIMAL_EXPONENT = 400;

    private final CborReader in;
    /** §5.9: every value string read so far that was not a dictionary term, in document order. */
    private final List<String> strings = new ArrayList<>();
    private long charactersLeft = QrCodec.MAX_DECODED_CHARACTERS;
    /** §3.2: the payloads of the binary items, taken in document order. */
    private byte[] pool;
    private int poolPosition;
    /** The end offsets of the payloads taken so far, for references to an earlier payload. */
    private final List<Integer> payloadEnds = new ArrayList<>();

    private DocumentReader(byte[] cbor, int length) {
        this.in = new CborReader(cbor, length);
    }

    static ObjectNode read(byte[] cbor, int length) throws FormatException {
        DocumentReader reader = new DocumentReader(cbor, length);
        reader.in.head();
        if (reader.in.major != CborWriter.BYTES) throw reader.in.problem("the data must start with the binary pool");
        reader.pool = reader.in.bytes();
        reader.in.head();
        if (reader.in.major != CborWriter.MAP) throw reader.in.problem("the document must be a map (a JSON object)");
        ObjectNode document = reader.object(1);
        if (!reader.in.atEnd()) throw reader.in.problem("unexpected data after the document at byte " + reader.in.position());
        if (reader.poolPosition != reader.pool.length) {
            throw new FormatException("CIV1", (reader.pool.length - reader.poolPosition) + " bytes of the binary pool are unused");
        }
        return document;
    }

    /** The value whose head is read next. */
    private JsonNode value(int depth) throws FormatException {
        in.head();
        return current(depth);
    }

    /** The value whose head was just read. */
    private JsonNode current(int depth) throws FormatException {
        switch (in.major) {
            case CborWriter.UNSIGNED:
                return unsigned(in.argument);
            case CborWriter.NEGATIVE:
                return negative(in.argument);
            case CborWriter.BYTES:
                throw in.problem("a byte string outside a typed item at byte " + in.position());
            case CborWriter.TEXT:
                return NODES.textNode(remember(charge(in.text())));
            case CborWriter.ARRAY:
                return array(depth + 1);
            case CborWriter.MAP:
                return object(depth + 1);
            case CborWriter.TAG:
                return tagged();
            default:
                return simpleOrFloat();
        }
    }

    private ObjectNode object(int depth) throws FormatException {
        checkDepth(depth);
        int count = in.length();
        if (count > (QrCodec.MAX_INFLATED_BYTES / 2)) throw in.problem("a map of " + count + " entries cannot fit");
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < count; i++) {
            in.head();
            String name;
            if (in.major == CborWriter.UNSIGNED) {
                name = TermDictionary.member(in.argument);
                if (name == null) {
                    throw new FormatException("CIV1", "member-name code " + Long.toUnsignedString(in.argument)
                        + " is not in the term dictionary of this version");
                }
            } else if (in.major == CborWriter.TEXT) {
                name = charge(in.text());
            } else {
                throw in.problem("a member name must be a dictionary code or a text string, at byte " + in.position());
            }
            JsonNode value = value(depth);
            if (object.replace(name, value) != null) {
                throw new FormatException("CIV1", "duplicate member name \"" + name + "\" (RFC 7493 §2.3)");
            }
        }
        return object;
    }

    private ArrayNode array(int depth) throws FormatException {
        checkDepth(depth);
        int count = in.length();
        ArrayNode array = NODES.arrayNode(count);
        for (int i = 0; i < count; i++) array.add(value(depth));
        return array;
    }

    private JsonNode simpleOrFloat() throws FormatException {
        if (in.info >= 25) {
            double value = in.floating();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new FormatException("CIV1", "JSON has no NaN or infinity (RFC 8259 §6)");
            }
            return NODES.numberNode(value);
        }
        switch ((int) in.argument) {
            case 20: return NODES.booleanNode(false);
            case 21: return NODES.booleanNode(true);
            case 22: return NODES.nullNode();
            default:
                String term = TermDictionary.valueOfSimple(in.argument);
                if (term == null) {
                    throw new FormatException("CIV1", "simple value " + in.argument
                        + " is not a value in the term dictionary of this version");
                }
                return NODES.textNode(charge(term));
        }
    }

    private JsonNode tagged() throws FormatException {
        long tag = in.argument;
        if (tag == 2 || tag == 3) return NODES.numberNode(in.bignum(tag == 3));
        if (tag == QrCodec.TAG_DECIMAL_FRACTION) return NODES.numberNode(decimalFraction());
        return NODES.textNode(remember(charge(typedString(tag))));
    }

    /**
     * §3.1: {@code [e, m]}, m × 10^e rounded to the nearest double, as a JSON parser reads the number's text. The
     * exponent is bounded so that no one makes the parser read a long text.
     */
    private double decimalFraction() throws FormatException {
        expectArray(2, "a decimal fraction");
        long exponent = integer();
        long mantissa = integer();
        if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
            throw new FormatException("CIV1", "a decimal fraction exponent beyond ±" + MAX_DECIMAL_EXPONENT);
        }
        double value = Double.parseDouble(mantissa + "E" + exponent);
        if (Double.isInfinite(value)) throw new FormatException("CIV1", "JSON has no NaN or infinity (RFC 8259 §6)");
        return value;
    }

    /** §5.2-§5.9 and §5.11-§5.14: the text of a typed string item whose tag was just read. */
    private String typedString(long tag) throws FormatException {
        if (tag == QrCodec.TAG_DATE_TIME) {
            return dateTime(integer(), 0, 0);
        } else if (tag == QrCodec.TAG_DATE_TIME_FULL) {
            expectArray(3, "a date-time");
            long seconds = integer();
            long nanos = integer();
            long offset = integer();
            if (nanos < 0 || nanos > 999_999_999 || Math.abs(offset) > 14 * 60 || offset == 0 && nanos == 0) {
                throw new FormatException("CIV1", "a date-time item out of range");
            }
            return dateTime(seconds, (int) nanos, (int) offset);
        } else if (tag == QrCodec.TAG_DATE) {
            String date = TypedStrings.formatDate(integer());
            if (date == null) throw new FormatException("CIV1", "a date outside the years 0001-9999");
            return date;
        } else if (tag == QrCodec.TAG_UUID) {
            byte[] uuid = byteString();
            if (uuid.length != 16) throw new FormatException("CIV1", "a UUID must be 16 bytes");
            return TypedStrings.formatUuid(uuid);
        } else if (tag == QrCodec.TAG_MULTIBASE) {
            return 'z' + base58(byteString());
        } else if (tag == QrCodec.TAG_DID_KEY) {
            return did(TypedStrings.DID_KEY, false);
        } else if (tag == QrCodec.TAG_DID_CIVITAS) {
            return did(TypedStrings.DID_CIVITAS, false);
        } else if (tag == QrCodec.TAG_DID_CIVITAS_OF_KEY) {
            return did(TypedStrings.DID_CIVITAS, true);
        } else if (tag == QrCodec.TAG_DECIMAL) {
            in.head();
            if (in.major != CborWriter.UNSIGNED) throw new FormatException("CIV1", "a decimal item must hold an unsigned integer");
            return Long.toUnsignedString(in.argument);
        } else if (tag == QrCodec.TAG_CJK) {
            String text = TypedStrings.formatCjk(inlineBytes("a CJK text"));
            if (text == null) throw new FormatException("CIV1", "a CJK text item has an unassigned or unpaired lead byte");
            return text;
        } else if (tag == QrCodec.TAG_BASE64URL) {
            return TypedStrings.formatBase64Url(inlineBytes("a base64url"));
        } else if (tag == QrCodec.TAG_HTTPS) {
            in.head();
            if (in.major != CborWriter.TEXT) throw new FormatException("CIV1", "an https item must hold text");
            return TypedStrings.HTTPS + in.text();
        } else if (tag == QrCodec.TAG_BACK_REFERENCE) {
            return backReference();
        }
        throw new FormatException("CIV1", "tag " + Long.toUnsignedString(tag) + " is not used in this version");
    }

    /**
     * §5.5, §5.6, §5.11: {@code prefix} ends with did:key's multibase {@code z}, which the method-specific id keeps;
     * {@code ofKey}: the binary field is the key whose did:civitas this is, not the id's bytes.
     */
    private String did(String prefix, boolean ofKey) throws FormatException {
        in.head();
        if (in.major == CborWriter.UNSIGNED || in.major == CborWriter.NEGATIVE) return prefix + id(binary(), ofKey);
        if (in.major != CborWriter.ARRAY || in.argument != 2) {
            throw new FormatException("CIV1", "a DID item must hold a binary length or [length, fragment]");
        }
        String id = id(byteString(), ofKey);
        in.head();
        String fragment;
        if (in.major == CborWriter.TEXT) {
            fragment = in.text();
        } else if (in.major == CborWriter.UNSIGNED) {
            fragment = TypedStrings.KEY_FRAGMENT + Long.toUnsignedString(in.argument);
        } else if (in.major == CborWriter.TAG && in.argument == QrCodec.TAG_MULTIBASE) {
            fragment = 'z' + base58(byteString());
        } else if (in.major == CborWriter.SIMPLE && in.argument == 21) {
            fragment = prefix.endsWith("z") ? 'z' + id : id;
        } else {
            throw new FormatException("CIV1", "a DID fragment must be text, a key number, a multibase item or true");
        }
        return prefix + id + '#' + fragment;
    }

    /** §5.11: the did:civitas id the key with these bytes creates, or (not {@code ofKey}) the bytes' base58btc. */
    private String id(byte[] bytes, boolean ofKey) throws FormatException {
        String base58 = base58(bytes);
        return ofKey ? CivitasDid.ofMultibase('z' + base58).methodSpecificId() : base58;
    }

    /** §5.13-§5.14: the byte string that the tag just read holds in the document itself. */
    private byte[] inlineBytes(String what) throws FormatException {
        in.head();
        if (in.major != CborWriter.BYTES) throw new FormatException("CIV1", what + " item must hold a byte string");
        return in.bytes();
    }

    private String backReference() throws FormatException {
        in.head();
        if (in.major == CborWriter.UNSIGNED) return earlier(in.argument);
        if (in.major != CborWriter.ARRAY || in.argument != 3) {
            throw new FormatException("CIV1", "a back-reference must hold a distance or [distance, length, suffix]");
        }
        in.head();
        if (in.major != CborWriter.UNSIGNED) throw new FormatException("CIV1", "a back-reference distance must be unsigned");
        String earlier = earlier(in.argument);
        in.head();
        if (in.major != CborWriter.UNSIGNED) throw new FormatException("CIV1", "a back-reference length must be unsigned");
        int end = charIndexOfByte(earlier, in.argument);
        in.head();
        if (in.major != CborWriter.TEXT) throw new FormatException("CIV1", "a back-reference suffix must be text");
        String suffix = in.text();
        return earlier.substring(0, end) + suffix;
    }

    private String earlier(long distance) throws FormatException {
        if (distance < 0 || distance >= strings.size()) {
            throw new FormatException("CIV1", "a back-reference to string " + Long.toUnsignedString(distance)
                + " before this one, but only " + strings.size() + " came before");
        }
        return strings.get(strings.size() - 1 - (int) distance);
    }

    /** The char index where the first {@code bytes} UTF-8 bytes of {@code s} end; it must be a character boundary. */
    private static int charIndexOfByte(String s, long bytes) throws FormatException {
        long count = 0;
        int i = 0;
        while (count < bytes && i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x80) { count += 1; i += 1; }
            else if (c < 0x800) { count += 2; i += 1; }
            else if (Character.isHighSurrogate(c)) { count += 4; i += 2; }
            else { count += 3; i += 1; }
        }
        if (count != bytes) {
            throw new FormatException("CIV1", "a back-reference length of " + Long.toUnsignedString(bytes)
                + " bytes is not a character boundary of the earlier string");
        }
        return i;
    }

    private String dateTime(long seconds, int nanos, int offsetMinutes) throws FormatException {
        String text = TypedStrings.formatDateTime(seconds, nanos, offsetMinutes);
        if (text == null) throw new FormatException("CIV1", "a date-time outside the years 0001-9999");
        return text;
    }

    private String base58(byte[] bytes) throws FormatException {
        if (bytes.length == 0 || bytes.length > TypedStrings.MAX_BASE58_BYTES) {
            throw new FormatException("CIV1", "a base58 item must hold 1 to " + TypedStrings.MAX_BASE58_BYTES + " bytes");
        }
        return Base58.encode(bytes);
    }

    /** The next binary item: its length, whose bytes come from the pool. */
    private byte[] byteString() throws FormatException {
        in.head();
        if (in.major != CborWriter.UNSIGNED && in.major != CborWriter.NEGATIVE) {
            throw new FormatException("CIV1", "expected the length of a binary item at byte " + in.position());
        }
        return binary();
    }

    /** The payload of a binary item whose head was just read: new pool bytes, or a repeat of an earlier payload. */
    private byte[] binary() throws FormatException {
        if (in.major == CborWriter.NEGATIVE) {
            long k = in.argument;
            if (k < 0 || k >= payloadEnds.size()) {
                throw new FormatException("CIV1", "a binary item repeats payload " + Long.toUnsignedString(k)
                    + " before it, but only " + payloadEnds.size() + " came before");
            }
            int index = payloadEnds.size() - 1 - (int) k;
            int start = index == 0 ? 0 : payloadEnds.get(index - 1);
            return Arrays.copyOfRange(pool, start, payloadEnds.get(index));
        }
        if (in.argument < 0 || in.argument > pool.length - poolPosition) {
            throw new FormatException("CIV1", "a binary item of " + Long.toUnsignedString(in.argument)
                + " bytes exceeds the " + (pool.length - poolPosition) + " bytes left in the pool");
        }
        int n = (int) in.argument;
        byte[] out = Arrays.copyOfRange(pool, poolPosition, poolPosition + n);
        poolPosition += n;
        payloadEnds.add(poolPosition);
        return out;
    }

    private long integer() throws FormatException {
        in.head();
        if (in.major == CborWriter.UNSIGNED && in.argument >= 0) return in.argument;
        if (in.major == CborWriter.NEGATIVE && in.argument >= 0) return -1 - in.argument;
        throw new FormatException("CIV1", "expected an integer in a typed item at byte " + in.position());
    }

    private void expectArray(int size, String what) throws FormatException {
        in.head();
        if (in.major != CborWriter.ARRAY || in.argument != size) {
            throw new FormatException("CIV1", what + " item must hold an array of " + size);
        }
    }

    /** Unsigned integers: int, long or BigInteger nodes, the narrowest, as Jackson reads the same JSON number. */
    private static JsonNode unsigned(long n) {
        if (n >= 0 && n <= Integer.MAX_VALUE) return NODES.numberNode((int) n);
        if (n >= 0) return NODES.numberNode(n);
        return NODES.numberNode(BigInteger.valueOf(n).add(TWO_64));
    }

    /** Negative integers {@code -1 - n}. */
    private static JsonNode negative(long n) {
        if (n >= 0 && n <= Integer.MAX_VALUE) return NODES.numberNode((int) (-1 - n));
        if (n >= 0) return NODES.numberNode(-1 - n);
        return NODES.numberNode(BigInteger.valueOf(n).add(TWO_64).negate().subtract(BigInteger.ONE));
    }

    private String remember(String s) {
        strings.add(s);
        return s;
    }

    private String charge(String s) throws FormatException {
        charactersLeft -= s.length();
        if (charactersLeft < 0) {
            throw new FormatException("CIV1", "the document expands beyond " + QrCodec.MAX_DECODED_CHARACTERS
                + " characters");
        }
        return s;
    }

    private static void checkDepth(int depth) throws FormatException {
        if (depth > QrCodec.MAX_DEPTH) {
            throw new FormatException("CIV1", "the document nests deeper than " + QrCodec.MAX_DEPTH + " levels");
        }
    }
}
