package org.civitas.sample.wallet.core;

import java.math.BigInteger;

/** Converts the DER ECDSA signatures of Java and Android's keystore into the r‖s form Civitas' suites carry. */
public final class EcdsaSignatures {

    private EcdsaSignatures() { }

    /** A DER SEQUENCE { INTEGER r, INTEGER s } as r‖s, each {@code size} bytes (32 for P-256). */
    public static byte[] derToRaw(byte[] der, int size) {
        if (der.length < 8 || der[0] != 0x30) throw new IllegalArgumentException("not a DER ECDSA signature");
        int offset = (der[1] & 0x80) != 0 ? 2 + (der[1] & 0x7f) : 2;
        byte[] raw = new byte[2 * size];
        for (int part = 0; part < 2; part++) {
            if (der[offset] != 0x02) throw new IllegalArgumentException("not a DER ECDSA signature");
            int length = der[offset + 1];
            byte[] integer = new byte[length];
            System.arraycopy(der, offset + 2, integer, 0, length);
            byte[] unsigned = new BigInteger(1, integer).toByteArray();
            int start = unsigned.length > size ? unsigned.length - size : 0;
            int copy = unsigned.length - start;
            if (copy > size) throw new IllegalArgumentException("an ECDSA integer is longer than " + size + " bytes");
            System.arraycopy(unsigned, start, raw, part * size + size - copy, copy);
            offset += 2 + length;
        }
        return raw;
    }
}
