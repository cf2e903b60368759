package org.civitas.sdk.qr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes CBOR (RFC 8949) in preferred serialization (§4.1): every head in its shortest form, definite lengths only,
 * floating-point values in the shortest of half, single and double precision that holds them exactly (§4.2.2),
 * integers beyond 64 bits as bignums (§3.4.3). Map entries are written in the order the caller gives.
 * Not thread-safe; one writer per encoding.
 */
final class CborWriter {

    static final int UNSIGNED = 0;
    static final int NEGATIVE = 1;
    static final int BYTES = 2;
    static final int TEXT = 3;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;
    static final int SIMPLE = 7;

    static final int FALSE = 0xF4;
    static final int TRUE = 0xF5;
    static final int NULL = 0xF6;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private byte[] buffer;
    private int size;

    CborWriter(int capacity) {
        buffer = new byte[capacity];
    }

    /** A head: the major type and its argument, {@code argument} read as an unsigned 64-bit value (§3). */
    void head(int major, long argument) {
        int type = major << 5;
        if (argument >= 0 && argument < 24) {
            put(type | (int) argument);
        } else if (argument >= 0 && argument < 0x100) {
            put(type | 24);
            put((int) argument);
        } else if (argument >= 0 && argument < 0x10000) {
            put(type | 25);
            put((int) (argument >> 8));
            put((int) argument);
        } else if (argument >= 0 && argument < 0x100000000L) {
            put(type | 26);
            putInt((int) argument);
        } else {
            put(type | 27);
            putInt((int) (argument >>> 32));
            putInt((int) argument);
        }
    }

    void integer(long value) {
        if (value >= 0) head(UNSIGNED, value);
        else head(NEGATIVE, -1 - value);   // never overflows: -1 - Long.MIN_VALUE == Long.MAX_VALUE
    }

    /** Any integer: major type 0 or 1 while it fits 64 bits (preferred serialization), a bignum (tag 2 or 3) beyond. */
    void integer(BigInteger value) {
        if (value.bitLength() < 64) {
            integer(value.longValue());
            return;
        }
        boolean negative = value.signum() < 0;
        BigInteger magnitude = negative ? value.negate().subtract(BigInteger.ONE) : value;   // -1 - n for negatives
        if (magnitude.compareTo(TWO_64) < 0) {
            head(negative ? NEGATIVE : UNSIGNED, magnitude.longValue());   // the unsigned bits of the low 64
            return;
        }
        byte[] bytes = magnitude.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;                                 // no leading zero byte (§3.4.3)
        head(TAG, negative ? 3 : 2);
        head(BYTES, bytes.length - skip);
        putBytes(bytes, skip, bytes.length - skip);
    }

    /** A float in the shortest exact width (§4.2.2). NaN and the infinities are not JSON and are refused. */
    void floating(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        float single = (float) value;
        if (single == value) {
            int half = Half.fromFloat(single);
            if (half >= 0) {
                put(0xF9);
                put(half >> 8);
                put(half);
            } else {
                put(0xFA);
                putInt(Float.floatToRawIntBits(single));
            }
        } else {
            long bits = Double.doubleToRawLongBits(value);
            put(0xFB);
            putInt((int) (bits >>> 32));
            putInt((int) bits);
        }
    }

    void text(String value) {
        byte[] utf8 = Utf8.encode(value);
        head(TEXT, utf8.length);
        putBytes(utf8, 0, utf8.length);
    }

    void bytes(byte[] value) {
        head(BYTES, value.length);
        putBytes(value, 0, value.length);
    }

    void raw(int initialByte) {
        put(initialByte);
    }

    /** A simple value (major type 7): 0..19 in one byte, 32..255 in two (§3.3). */
    void simple(int value) {
        if (value < 24) {
            put(0xE0 | value);
        } else {
            put(0xF8);
            put(value);
        }
    }

    /** Appends bytes already in CBOR form. */
    void rawBytes(byte[] encoded) {
        putBytes(encoded, 0, encoded.length);
    }

    int size() { return size; }

    void reset() { size = 0; }

    byte[] toByteArray() { return Arrays.copyOf(buffer, size); }

    private void put(int b) {
        if (size == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
        buffer[size++] = (byte) b;
    }

    private void putInt(int v) {
        put(v >>> 24);
        put(v >>> 16);
        put(v >>> 8);
        put(v);
    }

    private void putBytes(byte[] bytes, int from, int length) {
        if (size + length > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    /** IEEE 754 binary16, which Java before 20 cannot convert. */
    static final class Half {

        private Half() { }

        /** The half-precision bits of {@code value} when it is exactly representable, else -1. */
        static int fromFloat(float value) {
            int bits = Float.floatToRawIntBits(value);
            int sign = (bits >>> 16) & 0x8000;
            int exponent = ((bits >>> 23) & 0xFF) - 127;
            int mantissa = bits & 0x7FFFFF;
            if ((bits & 0x7FFFFFFF) == 0) return sign;                         // +0 and -0
            if (exponent == 128) return -1;                                   // infinities and NaN are never asked for
            if (exponent >= -14 && exponent <= 15) {                           // a normal half
                if ((mantissa & 0x1FFF) != 0) return -1;
                return sign | (exponent + 15) << 10 | mantissa >> 13;
            }
            if (exponent >= -24 && exponent < -14) {                          // a subnormal half: m * 2^-24
                int full = mantissa | 0x800000;
                int shift = -exponent - 1;
                if ((full & ((1 << shift) - 1)) != 0) return -1;
                return sign | full >> shift;
            }
            return -1;
        }

        /** The value of half-precision bits (RFC 8949 Appendix D). */
        static double toDouble(int half) {
            int exponent = (half >> 10) & 0x1F;
            int mantissa = half & 0x3FF;
            double value;
            if (exponent == 0) value = Math.scalb((double) mantissa, -24);
            else if (exponent != 31) value = Math.scalb((double) (mantissa + 1024), exponent - 25);
            else value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            return (half & 0x8000) != 0 ? -value : value;
        }
    }
}
