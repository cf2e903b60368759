package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.civitas.sdk.internal.Curves;

import java.math.BigInteger;

/**
 * {@code a·G + b·Q} on P-256 for a key Q met for the first time (a citizen's device key at a counter), where no
 * per-key table pays off: Shamir's trick over width-w NAFs, on {@link P256Field}'s 52-bit limbs with no object per
 * step. G's odd multiples up to 127·G are a static affine table (width 8); Q's up to 15·Q are computed per call in
 * Jacobian coordinates (width 5). Points are Jacobian (X : Y : Z) with a = −3: doubling dbl-2001-b (3M + 5S),
 * additions madd-2007-bl and add-2007-bl of the Explicit-Formulas Database, with their exceptions (a sum of a point
 * and itself or its negation) handled, since a forged signature may steer the sum there.
 *
 * <p>Not constant-time: verification has no secret. Thread-safe; each call has its own working state.
 */
final class P256Wnaf {

    private static final int G_WIDTH = 8;
    private static final int Q_WIDTH = 5;
    /** Room for 256 bits and a carry past them at any width up to 8. */
    private static final int DIGITS = 256 + G_WIDTH + 1;
    private static final int LIMBS = P256Field.LIMBS;
    /** n, and p − n: an x in [n, p) is reduced mod n to r = x − n, so r < p − n needs its second candidate. */
    private static final BigInteger ORDER = Curves.P256.getN();
    private static final BigInteger PRIME_MINUS_ORDER = P256Field.PRIME.subtract(ORDER);

    private P256Wnaf() { }

    /** The affine x of {@code a·G + b·Q}, or {@code null} at infinity; a and b in [0, n), q affine and on the curve. */
    static BigInteger xOfSumOfTwoMultiplies(BigInteger a, ECPoint q, BigInteger b) {
        Sum sum = new Sum();
        sum.compute(a, q, b);
        if (sum.infinity) return null;
        long[] zInverse = new long[LIMBS];
        P256Field.invert(sum.z, zInverse);
        P256Field.square(zInverse, zInverse);
        P256Field.multiply(sum.x, zInverse, zInverse);
        return P256Field.toBigInteger(zInverse);
    }

    /**
     * Whether the affine x of {@code a·G + b·Q}, reduced mod n, is r (ECDSA's last step), without an inversion:
     * x = X/Z², so the question is X = r·Z² or, for r &lt; p − n, X = (r + n)·Z².
     */
    static boolean xOfSumReducedModOrderIs(BigInteger a, ECPoint q, BigInteger b, BigInteger r) {
        Sum sum = new Sum();
        sum.compute(a, q, b);
        if (sum.infinity) return false;
        long[] zz = new long[LIMBS];
        P256Field.square(sum.z, zz);
        long[] candidate = P256Field.of(r);
        P256Field.multiply(candidate, zz, candidate);
        if (P256Field.equal(candidate, sum.x)) return true;
        if (r.compareTo(PRIME_MINUS_ORDER) >= 0) return false;
        candidate = P256Field.of(r.add(ORDER));
        P256Field.multiply(candidate, zz, candidate);
        return P256Field.equal(candidate, sum.x);
    }

    private static final long[] B = P256Field.of(Curves.P256.getCurve().getB().toBigInteger());

    /**
     * The point of a 33-byte compressed encoding (SEC 1 §2.3.4: 02 or 03, then x), as BouncyCastle's
     * {@code decodePoint} reads it but with y = (x³ − 3x + b)<sup>(p+1)/4</sup> on the faster field: its square
     * root is most of what a first-time key costs to read.
     *
     * @throws IllegalArgumentException for another prefix, an x not below p, or an x of no point
     */
    static ECPoint decodeCompressed(ECCurve curve, byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 2 && encoded[0] != 3)) {
            throw new IllegalArgumentException("not a compressed point");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, 33));
        if (x.compareTo(P256Field.PRIME) >= 0) throw new IllegalArgumentException("x is not below p");
        long[] fx = P256Field.fromBytes(encoded, 1);
        long[] rhs = new long[LIMBS], threeX = new long[LIMBS];
        P256Field.square(fx, rhs);
        P256Field.multiply(rhs, fx, rhs);
        P256Field.add(fx, fx, threeX);
        P256Field.add(threeX, fx, threeX);
        P256Field.subtract(rhs, threeX, rhs);
        P256Field.add(rhs, B, rhs);
        if (!P256Field.sqrt(rhs, rhs)) throw new IllegalArgumentException("x is not the x of a point");
        BigInteger y = P256Field.toBigInteger(rhs);
        if (y.testBit(0) != (encoded[0] == 3)) {
            if (y.signum() == 0) throw new IllegalArgumentException("y = 0 has no odd root");
            y = P256Field.PRIME.subtract(y);
        }
        return curve.createPoint(x, y);
    }

    /** G's odd multiples 1·G, 3·G, …, 127·G, affine, in Montgomery form; y negated alongside for negative digits. */
    private static final class GeneratorTable {
        static final long[][] X = new long[1 << (G_WIDTH - 2)][];
        static final long[][] Y = new long[X.length][];
        static final long[][] NEGATED_Y = new long[X.length][];

        static {
            ECPoint g = Curves.P256.getG();
            ECPoint twice = g.twice();
            ECPoint multiple = g;
            for (int i = 0; i < X.length; i++) {
                ECPoint affine = multiple.normalize();
                X[i] = P256Field.of(affine.getAffineXCoord().toBigInteger());
                Y[i] = P256Field.of(affine.getAffineYCoord().toBigInteger());
                NEGATED_Y[i] = new long[LIMBS];
                P256Field.negate(Y[i], NEGATED_Y[i]);
                multiple = multiple.add(twice);
            }
        }
    }

    /** The running sum (X : Y : Z) and the scratch its steps use. */
    private static final class Sum {
        final long[] x = new long[LIMBS], y = new long[LIMBS], z = new long[LIMBS];
        boolean infinity = true;
        private final long[] t1 = new long[LIMBS], t2 = new long[LIMBS], t3 = new long[LIMBS], t4 = new long[LIMBS];
        private final long[] t5 = new long[LIMBS], t6 = new long[LIMBS], t7 = new long[LIMBS];

        void compute(BigInteger a, ECPoint q, BigInteger b) {
            byte[] digitsA = wnaf(a, G_WIDTH);
            byte[] digitsB = wnaf(b, Q_WIDTH);
            int count = 1 << (Q_WIDTH - 2);
            long[][] qx = new long[count][LIMBS], qy = new long[count][LIMBS], qz = new long[count][LIMBS];
            long[][] qNegatedY = new long[count][LIMBS];
            oddMultiples(q, qx, qy, qz);
            for (int i = 0; i < count; i++) P256Field.negate(qy[i], qNegatedY[i]);

            int top = DIGITS - 1;
            while (top >= 0 && digitsA[top] == 0 && digitsB[top] == 0) top--;
            infinity = true;
            for (int i = top; i >= 0; i--) {
                if (!infinity) twice();
                int da = digitsA[i];
                if (da > 0) addAffine(GeneratorTable.X[da >> 1], GeneratorTable.Y[da >> 1]);
                else if (da < 0) addAffine(GeneratorTable.X[-da >> 1], GeneratorTable.NEGATED_Y[-da >> 1]);
                int db = digitsB[i];
                if (db > 0) add(qx[db >> 1], qy[db >> 1], qz[db >> 1]);
                else if (db < 0) add(qx[-db >> 1], qNegatedY[-db >> 1], qz[-db >> 1]);
            }
        }

        /** Q, 3Q, 5Q, … in Jacobian coordinates: 2Q once, then one addition each. */
        private void oddMultiples(ECPoint q, long[][] qx, long[][] qy, long[][] qz) {
            long[] affineX = P256Field.of(q.getAffineXCoord().toBigInteger());
            long[] affineY = P256Field.of(q.getAffineYCoord().toBigInteger());
            System.arraycopy(affineX, 0, qx[0], 0, LIMBS);
            System.arraycopy(affineY, 0, qy[0], 0, LIMBS);
            System.arraycopy(P256Field.ONE, 0, qz[0], 0, LIMBS);
            set(affineX, affineY, P256Field.ONE);
            twice();
            long[] twoX = x.clone(), twoY = y.clone(), twoZ = z.clone();
            for (int i = 1; i < qx.length; i++) {
                set(qx[i - 1], qy[i - 1], qz[i - 1]);
                add(twoX, twoY, twoZ);
                // Q has order n, so no odd multiple below 16Q is infinity
                System.arraycopy(x, 0, qx[i], 0, LIMBS);
                System.arraycopy(y, 0, qy[i], 0, LIMBS);
                System.arraycopy(z, 0, qz[i], 0, LIMBS);
            }
        }

        private void set(long[] px, long[] py, long[] pz) {
            System.arraycopy(px, 0, x, 0, LIMBS);
            System.arraycopy(py, 0, y, 0, LIMBS);
            System.arraycopy(pz, 0, z, 0, LIMBS);
            infinity = false;
        }

        /** dbl-2001-b for a = −3; the sum is not infinity (no point of P-256 but infinity has Y = 0). */
        private void twice() {
            long[] delta = t1, gamma = t2, beta = t3, alpha = t4;
            P256Field.square(z, delta);
            P256Field.square(y, gamma);
            P256Field.multiply(x, gamma, beta);
            P256Field.subtractForProduct(x, delta, t5);
            P256Field.addForProduct(x, delta, t6);
            P256Field.multiply(t5, t6, alpha);
            P256Field.add(alpha, alpha, t5);
            P256Field.addForProduct(t5, alpha, alpha);             // α = 3(X − δ)(X + δ), below 4p
            P256Field.addForProduct(y, z, t5);
            P256Field.square(t5, t5);
            P256Field.subtract(t5, gamma, t5);
            P256Field.subtract(t5, delta, z);                      // Z3 = (Y + Z)² − γ − δ
            P256Field.add(beta, beta, beta);
            P256Field.add(beta, beta, beta);                       // 4β
            P256Field.square(alpha, x);
            P256Field.add(beta, beta, t5);
            P256Field.subtract(x, t5, x);                          // X3 = α² − 8β
            P256Field.subtractForProduct(beta, x, beta);
            P256Field.multiply(alpha, beta, beta);
            P256Field.addForProduct(gamma, gamma, gamma);
            P256Field.square(gamma, gamma);                        // (2γ)² = 4γ²
            P256Field.add(gamma, gamma, gamma);
            P256Field.subtract(beta, gamma, y);                    // Y3 = α(4β − X3) − 8γ²
        }

        /** madd-2007-bl: the sum plus the affine point (px, py). */
        private void addAffine(long[] px, long[] py) {
            if (infinity) {
                set(px, py, P256Field.ONE);
                return;
            }
            long[] z1z1 = t1, h = t2, r = t3;
            P256Field.square(z, z1z1);
            P256Field.multiply(px, z1z1, h);
            P256Field.subtract(h, x, h);                           // H = U2 − X1
            P256Field.multiply(z, z1z1, r);
            P256Field.multiply(py, r, r);
            P256Field.subtract(r, y, r);                           // S2 − Y1
            if (sameXResolved(h, r)) return;
            P256Field.addForProduct(r, r, r);                      // r = 2(S2 − Y1), below 4p: only squared and multiplied
            long[] hh = t4, i = t5, j = t6, v = t7;
            P256Field.square(h, hh);
            P256Field.add(hh, hh, i);
            P256Field.add(i, i, i);                                // I = 4·HH
            P256Field.multiply(h, i, j);                           // J = H·I
            P256Field.multiply(x, i, v);                           // V = X1·I
            P256Field.addForProduct(z, h, z);
            P256Field.square(z, z);
            P256Field.subtract(z, z1z1, z);
            P256Field.subtract(z, hh, z);                          // Z3 = (Z1 + H)² − Z1Z1 − HH
            P256Field.multiply(y, j, y);
            P256Field.add(y, y, y);                                // 2·Y1·J
            finish(r, j, v);
        }

        /** add-2007-bl: the sum plus the Jacobian point (px : py : pz). */
        private void add(long[] px, long[] py, long[] pz) {
            if (infinity) {
                set(px, py, pz);
                return;
            }
            long[] z1z1 = t1, z2z2 = t2, u1 = t3, h = t4, s1 = t5, r = t6;
            P256Field.square(z, z1z1);
            P256Field.square(pz, z2z2);
            P256Field.multiply(x, z2z2, u1);
            P256Field.multiply(px, z1z1, h);
            P256Field.subtract(h, u1, h);                          // H = U2 − U1
            P256Field.multiply(y, pz, s1);
            P256Field.multiply(s1, z2z2, s1);                      // S1 = Y1·Z2·Z2Z2
            P256Field.multiply(py, z, r);
            P256Field.multiply(r, z1z1, r);
            P256Field.subtract(r, s1, r);                          // S2 − S1
            if (sameXResolved(h, r)) return;
            P256Field.addForProduct(r, r, r);                      // r = 2(S2 − S1), the same
            P256Field.addForProduct(z, pz, z);
            P256Field.square(z, z);
            P256Field.subtract(z, z1z1, z);
            P256Field.subtract(z, z2z2, z);
            P256Field.multiply(z, h, z);                           // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
            long[] i = t1, j = t2, v = t7;
            P256Field.addForProduct(h, h, i);
            P256Field.square(i, i);                                // I = (2H)²
            P256Field.multiply(h, i, j);                           // J = H·I
            P256Field.multiply(u1, i, v);                          // V = U1·I
            P256Field.multiply(s1, j, y);
            P256Field.add(y, y, y);                                // 2·S1·J
            finish(r, j, v);
        }

        /**
         * When both x coordinates agree (H = 0) the formulas divide by zero: the point added is the sum itself
         * (its y agrees too), so the result is the sum doubled, or it is its negation, so the result is infinity.
         * Answers whether that case was taken.
         */
        private boolean sameXResolved(long[] h, long[] r) {
            if (!P256Field.isZero(h)) return false;
            if (P256Field.isZero(r)) twice();
            else infinity = true;
            return true;
        }

        /** X3 = r² − J − 2V and Y3 = r(V − X3) − (the 2·Y1·J or 2·S1·J already in y). */
        private void finish(long[] r, long[] j, long[] v) {
            P256Field.square(r, x);
            P256Field.subtract(x, j, x);
            P256Field.subtract(x, v, x);
            P256Field.subtract(x, v, x);
            P256Field.subtractForProduct(v, x, v);
            P256Field.multiply(r, v, v);
            P256Field.subtract(v, y, y);
        }
    }

    /**
     * The width-w NAF of k in [0, 2<sup>256</sup>): digit i is 0 or odd in (−2<sup>w−1</sup>, 2<sup>w−1</sup>), at
     * most one non-zero digit in any w consecutive ones, and Σ digit<sub>i</sub>·2<sup>i</sup> = k; w at most 8.
     */
    static byte[] wnaf(BigInteger k, int width) {
        long[] words = new long[5];
        for (int i = 0; i < 4; i++) words[i] = k.shiftRight(64 * i).longValue();
        byte[] digits = new byte[DIGITS];                          // the same length for every width
        int mask = (1 << width) - 1, half = 1 << (width - 1);
        int carry = 0;
        int position = 0;
        while (position < digits.length) {
            int word = position >>> 6, offset = position & 63;
            int bit = (int) (words[word] >>> offset) & 1;
            if (bit == carry) {                                    // 0, or 1 carried onto a 1: the digit is 0
                position++;
                continue;
            }
            long window = words[word] >>> offset;
            if (offset + width > 64) window |= words[word + 1] << (64 - offset);
            int digit = ((int) window & mask) + carry;             // odd, at most 2^w − 1
            carry = digit >= half ? 1 : 0;
            digits[position] = (byte) (digit - (carry << width));
            position += width;
        }
        return digits;
    }
}
