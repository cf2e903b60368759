package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads CBOR (RFC 8949) written in preferred serialization from untrusted bytes, one head at a time. Everything not
 * in the shortest form, indefinite lengths, reserved additional information and lengths beyond the remaining input
 * are {@link FormatException}s, so a length can never make the reader allocate more than the input it holds.
 * Not thread-safe; one reader per input.
 */
final class CborReader {

    private final byte[] data;
    private final int end;
    private int position;

    /** The major type of the last head read. */
    int major;
    /** The additional information (low five bits) of the last head read. */
    int info;
    /** The argument of the last head read, an unsigned 64-bit value. */
    long argument;

    CborReader(byte[] data, int length) {
        this.data = data;
        this.end = length;
    }

    boolean atEnd() { return position == end; }

    int position() { return position; }

    /** Reads the next head. For major type 7, {@link #info} tells a simple value (below 25) from a float. */
    void head() throws FormatException {
        if (position >= end) throw problem("the data ends in the middle of an item");
        int initial = data[position++] & 0xFF;
        major = initial >>> 5;
        info = initial & 0x1F;
        if (info < 24) {
            argument = info;
            return;
        }
        switch (info) {
            case 24:
                argument = next(1);
                if (major == CborWriter.SIMPLE ? argument < 32 : argument < 24) throw notShortest();
                return;
            case 25:
                argument = next(2);
                if (major != CborWriter.SIMPLE && argument < 0x100) throw notShortest();
                return;
            case 26:
                argument = next(4);
                if (major != CborWriter.SIMPLE && argument < 0x10000) throw notShortest();
                return;
            case 27:
                argument = next(8);
                if (major != CborWriter.SIMPLE && argument >= 0 && argument < 0x100000000L) throw notShortest();
                return;
            case 31:
                throw problem("indefinite-length items are not used in this format");
            default:
                throw problem("reserved additional information " + info + " at byte " + (position - 1));
        }
    }

    /** The last head's argument as a count of bytes or items that the rest of the input could hold. */
    int length() throws FormatException {
        if (argument < 0 || argument > end - position) {
            throw problem("a length of " + Long.toUnsignedString(argument) + " at byte " + position
                + " exceeds the " + (end - position) + " bytes left");
        }
        return (int) argument;
    }

    /** The payload of a byte or text string whose head was just read. */
    byte[] bytes() throws FormatException {
        int n = length();
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** The payload of a text string whose head was just read, as strict UTF-8. */
    String text() throws FormatException {
        int n = length();
        String out = Utf8.decode(data, position, n);
        position += n;
        return out;
    }

    /** The value of a float head (info 25, 26 or 27) just read; a float that a shorter width holds is refused. */
    double floating() throws FormatException {
        double value;
        switch (info) {
            case 25:
                return CborWriter.Half.toDouble((int) argument);
            case 26:
                float single = Float.intBitsToFloat((int) argument);
                if (CborWriter.Half.fromFloat(single) >= 0) throw notShortest();
                value = single;
                break;
            case 27:
                value = Double.longBitsToDouble(argument);
                if ((float) value == value) throw notShortest();
                break;
            default:
                throw new IllegalStateException("not a float head");
        }
        return value;
    }

    /** A bignum's magnitude bytes (tag 2 or 3): preferred serialization puts values of 64 bits or less in a head. */
    BigInteger bignum(boolean negative) throws FormatException {
        head();
        if (major != CborWriter.BYTES) throw problem("a bignum must hold a byte string");
        byte[] magnitude = bytes();
        if (magnitude.length <= 8 || magnitude[0] == 0) throw notShortest();
        BigInteger n = new BigInteger(1, magnitude);
        return negative ? n.negate().subtract(BigInteger.ONE) : n;
    }

    FormatException problem(String what) {
        return new FormatException("CBOR", what);
    }

    private long next(int count) throws FormatException {
        if (end - position < count) throw problem("the data ends in the middle of a head");
        long value = 0;
        for (int i = 0; i < count; i++) value = value << 8 | (data[position++] & 0xFF);
        return value;
    }

    private FormatException notShortest() {
        return problem("the item before byte " + position + " is not in its shortest form (RFC 8949 §4.2.1)");
    }
}
