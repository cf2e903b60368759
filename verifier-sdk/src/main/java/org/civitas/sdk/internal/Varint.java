package org.civitas.sdk.internal;

/** Unsigned LEB128 varints, as multicodec prefixes use them (multiformats unsigned-varint). */
public final class Varint {

    private Varint() { }

    public static byte[] encode(int value) {
        if (value < 0) throw new IllegalArgumentException("negative varint");
        byte[] buffer = new byte[5];
        int length = 0;
        int rest = value;
        do {
            int low = rest & 0x7F;
            rest >>>= 7;
            buffer[length++] = (byte) (rest == 0 ? low : low | 0x80);
        } while (rest != 0);
        byte[] out = new byte[length];
        System.arraycopy(buffer, 0, out, 0, length);
        return out;
    }

    /**
     * Reads the varint at the start of {@code bytes}: returns {@code value | (length << 32)}, or -1 when the bytes
     * do not start with a minimal varint of at most four bytes.
     */
    public static long decode(byte[] bytes) {
        int value = 0;
        for (int i = 0; i < Math.min(bytes.length, 4); i++) {
            int b = bytes[i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) return -1;   // not minimal
                return (value & 0xFFFFFFFFL) | ((long) (i + 1) << 32);
            }
        }
        return -1;
    }
}
