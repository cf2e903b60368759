package org.civitas.sdk.key;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.math.BigInteger;

/**
 * The curve edwards25519 of Ed25519 (RFC 8032 §5.1: -x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ - 19)) as far as
 * {@link EdwardsCombTable} needs it: its constants, decoding a point exactly as BouncyCastle's Ed25519 does, and a
 * point in extended coordinates (x = X/Z, y = Y/Z, x·y = T/Z) for building tables and for the rare checks beside
 * them. The numbers are BouncyCastle's {@link X25519Field} ones (ten limbs of 25 and 26 bits). Variable-time: every
 * point and scalar here is public.
 */
final class Edwards25519 {

    /** p = 2²⁵⁵ - 19 (RFC 8032 §5.1). */
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    /** L = 2²⁵² + 27742317777372353535851937790883648493, the order of the base point (RFC 8032 §5.1). */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
        .add(new BigInteger("27742317777372353535851937790883648493"));

    private static final BigInteger D_VALUE = BigInteger.valueOf(-121665)
        .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

    /** d = -121665/121666 (RFC 8032 §5.1). */
    static final int[] D = element(D_VALUE);

    /** 2·d, in the sum of two points in extended coordinates. */
    static final int[] TWO_D = element(D_VALUE.shiftLeft(1).mod(P));

    /** 1/2, to store a table point as (y ± x)/2. */
    static final int[] HALF = element(BigInteger.ONE.add(P).shiftRight(1));

    /** The base point B's encoding (RFC 8032 §5.1: y = 4/5, x positive). */
    static final byte[] BASE_ENCODING = littleEndian(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P))
        .mod(P));

    private static final int ENCODED_BYTES = 32;

    private Edwards25519() { }

    /**
     * Decodes a point (RFC 8032 §5.1.3) into affine x and y with the checks, in the order, of BouncyCastle's Ed25519
     * verification: y below p, a square root of (y² - 1)/(d·y² + 1) exists, and x = 0 is not written with the sign
     * bit set. Small-order points are points here; the caller rejects them where Ed25519 does.
     */
    static boolean decode(byte[] encoding, int[] x, int[] y) {
        if (!isCanonicalY(encoding)) return false;
        int xSign = (encoding[ENCODED_BYTES - 1] & 0x80) >>> 7;
        X25519Field.decode255(encoding, y);                      // the 255 bits of y, without the sign of x
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        if (!X25519Field.sqrtRatioVar(u, v, x)) return false;
        X25519Field.normalize(x);
        if (xSign == 1 && X25519Field.isZeroVar(x)) return false;
        if (xSign != (x[0] & 1)) {
            X25519Field.negate(x, x);
            X25519Field.normalize(x);
        }
        return true;
    }

    /** Whether the 255-bit y of an encoding is below p: only 2²⁵⁵ - 19 ... 2²⁵⁵ - 1 are not. */
    static boolean isCanonicalY(byte[] encoding) {
        if ((encoding[ENCODED_BYTES - 1] & 0x7F) != 0x7F) return true;
        for (int i = ENCODED_BYTES - 2; i > 0; i--) {
            if (encoding[i] != (byte) 0xFF) return true;
        }
        return (encoding[0] & 0xFF) < 0xED;
    }

    /** Writes affine (x, y), both normalized, as RFC 8032 §5.1.2 encodes a point. */
    static void encode(int[] x, int[] y, byte[] out) {
        X25519Field.encode(y, out, 0);
        out[ENCODED_BYTES - 1] |= (byte) ((x[0] & 1) << 7);
    }

    /**
     * Doubles (X : Y : Z) in place ("dbl-2008-hwcd" with a = -1, as BouncyCastle's Ed25519 orders it): 4S + 3M.
     * The new T is e·h, left to the caller, who forms it only when an addition needs it.
     */
    static void twice(int[] x, int[] y, int[] z, int[] e, int[] h) {
        int[] a = x, b = y, c = z, f = x, g = y;
        X25519Field.add(x, y, e);
        X25519Field.sqr(x, a);
        X25519Field.sqr(y, b);
        X25519Field.sqr(z, c);
        X25519Field.add(c, c, c);                                 // 2·Z²
        X25519Field.apm(a, b, h, g);                              // X² + Y², X² - Y²
        X25519Field.sqr(e, e);
        X25519Field.sub(h, e, e);                                 // -E = X² + Y² - (X + Y)²
        X25519Field.add(c, g, f);                                 // -F = 2Z² + X² - Y²
        X25519Field.carry(f);
        X25519Field.mul(f, g, z);
        X25519Field.mul(f, e, x);
        X25519Field.mul(g, h, y);
    }

    private static int[] element(BigInteger value) {
        int[] element = X25519Field.create();
        X25519Field.decode(littleEndian(value), 0, element);
        return element;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] out = new byte[ENCODED_BYTES];
        byte[] bigEndian = value.toByteArray();
        for (int i = 0; i < ENCODED_BYTES && i < bigEndian.length; i++) out[i] = bigEndian[bigEndian.length - 1 - i];
        return out;
    }

    /**
     * A point in extended coordinates (Hisil-Wong-Carter-Dawson 2008), mutable. Used where a few objects do not
     * matter: building tables, and checking a rejected signature's R against the computed sum.
     */
    static final class Extended {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();

        /** The neutral element (0, 1). */
        Extended() {
            X25519Field.one(y);
            X25519Field.one(z);
        }

        static Extended ofAffine(int[] x, int[] y) {
            Extended point = new Extended();
            X25519Field.copy(x, 0, point.x, 0);
            X25519Field.copy(y, 0, point.y, 0);
            X25519Field.mul(x, y, point.t);
            return point;
        }

        /** Decodes as {@link Edwards25519#decode}; {@code null} for an encoding Ed25519 rejects. */
        static Extended decode(byte[] encoding) {
            int[] x = X25519Field.create();
            int[] y = X25519Field.create();
            return Edwards25519.decode(encoding, x, y) ? ofAffine(x, y) : null;
        }

        Extended copy() {
            Extended copy = new Extended();
            X25519Field.copy(x, 0, copy.x, 0);
            X25519Field.copy(y, 0, copy.y, 0);
            X25519Field.copy(z, 0, copy.z, 0);
            X25519Field.copy(t, 0, copy.t, 0);
            return copy;
        }

        /** this = -this. */
        Extended negate() {
            X25519Field.negate(x, x);
            X25519Field.negate(t, t);
            return this;
        }

        /** this = this + q ("add-2008-hwcd-3", complete on edwards25519): 9M. */
        Extended add(Extended q) {
            int[] a = X25519Field.create();
            int[] b = X25519Field.create();
            int[] c = X25519Field.create();
            int[] d = X25519Field.create();
            int[] e = X25519Field.create();
            int[] f = X25519Field.create();
            int[] g = X25519Field.create();
            int[] h = X25519Field.create();
            X25519Field.apm(y, x, b, a);                          // Y1 + X1, Y1 - X1
            X25519Field.apm(q.y, q.x, d, c);                      // Y2 + X2, Y2 - X2
            X25519Field.mul(a, c, a);                             // A = (Y1 - X1)(Y2 - X2)
            X25519Field.mul(b, d, b);                             // B = (Y1 + X1)(Y2 + X2)
            X25519Field.mul(t, q.t, c);
            X25519Field.mul(c, TWO_D, c);                         // C = 2d·T1·T2
            X25519Field.add(z, z, d);
            X25519Field.mul(d, q.z, d);                           // D = 2·Z1·Z2
            X25519Field.apm(b, a, h, e);                          // H = B + A, E = B - A
            X25519Field.apm(d, c, g, f);                          // G = D + C, F = D - C
            X25519Field.mul(e, h, t);
            X25519Field.mul(f, g, z);
            X25519Field.mul(e, f, x);
            X25519Field.mul(h, g, y);
            return this;
        }

        /** this = 2·this: 4S + 4M. */
        Extended twice() {
            int[] e = X25519Field.create();
            int[] h = X25519Field.create();
            Edwards25519.twice(x, y, z, e, h);
            X25519Field.mul(e, h, t);
            return this;
        }

        /** Whether this is the neutral element (0, 1). */
        boolean isNeutral() {
            int[] x = this.x.clone();
            int[] y = this.y.clone();
            int[] z = this.z.clone();
            X25519Field.normalize(x);
            X25519Field.normalize(y);
            X25519Field.normalize(z);
            return X25519Field.isZeroVar(x) && X25519Field.areEqualVar(y, z);
        }

        /** The affine x and y, normalized. */
        void toAffine(int[] affineX, int[] affineY) {
            int[] inverse = X25519Field.create();
            X25519Field.invVar(z, inverse);
            X25519Field.mul(x, inverse, affineX);
            X25519Field.mul(y, inverse, affineY);
            X25519Field.normalize(affineX);
            X25519Field.normalize(affineY);
        }

        /** The RFC 8032 §5.1.2 encoding. */
        byte[] encode() {
            int[] affineX = X25519Field.create();
            int[] affineY = X25519Field.create();
            toAffine(affineX, affineY);
            byte[] out = new byte[ENCODED_BYTES];
            Edwards25519.encode(affineX, affineY, out);
            return out;
        }
    }
}
