package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.civitas.sdk.internal.Curves;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * {@code a·G + b·Q} on P-256 for a key Q met for the first time (a citizen's device key at a counter), where no
 * per-key table pays off: Shamir's trick over width-w NAFs, on {@link Field52} numbers through a
 * {@link JacobianSum}. G's odd multiples up to 511·G are a static affine table (width 10); Q's up to 15·Q are
 * computed per call (width 5) and made affine with one inversion, so that every step adds an affine point. Also the
 * decoding of a compressed P-256 key, whose square root is most of what reading a first-time key costs.
 *
 * <p>Variable-time: verification has no secret. Thread-safe; each call has its own working state.
 */
final class P256Wnaf {

    private static final Field52 FIELD = Field52.P256;
    private static final int LIMBS = Field52.LIMBS;
    private static final int G_WIDTH = 10;
    private static final int Q_WIDTH = 5;
    /** Room for 256 bits and a carry past them at any width up to {@link #G_WIDTH}. */
    private static final int DIGITS = 256 + G_WIDTH + 1;
    private static final long[] B = FIELD.of(Curves.P256.getCurve().getB().toBigInteger());

    private P256Wnaf() { }

    /** {@code a·G + b·Q} for a and b in [0, n) and q affine, on the curve, not infinity. */
    static JacobianSum sum(BigInteger a, ECPoint q, BigInteger b) {
        short[] digitsA = wnaf(a, G_WIDTH);
        short[] digitsB = wnaf(b, Q_WIDTH);
        int count = 1 << (Q_WIDTH - 2);
        long[][] qx = new long[count][LIMBS], qy = new long[count][LIMBS], qNegatedY = new long[count][LIMBS];
        oddMultiples(q, qx, qy);
        for (int i = 0; i < count; i++) FIELD.negate(qy[i], qNegatedY[i]);

        int top = DIGITS - 1;
        while (top >= 0 && digitsA[top] == 0 && digitsB[top] == 0) top--;
        JacobianSum sum = new JacobianSum(FIELD);
        for (int i = top; i >= 0; i--) {
            sum.twice();
            int da = digitsA[i];
            if (da > 0) sum.addAffine(GeneratorTable.X[da >> 1], GeneratorTable.Y[da >> 1]);
            else if (da < 0) sum.addAffine(GeneratorTable.X[-da >> 1], GeneratorTable.NEGATED_Y[-da >> 1]);
            int db = digitsB[i];
            if (db > 0) sum.addAffine(qx[db >> 1], qy[db >> 1]);
            else if (db < 0) sum.addAffine(qx[-db >> 1], qNegatedY[-db >> 1]);
        }
        return sum;
    }

    /**
     * Q, 3Q, 5Q, … affine: 2Q once and one addition each in Jacobian coordinates, then all Z inverted at once
     * (Montgomery's trick: one inversion and three multiplications per point), which costs less than the full
     * additions it turns into mixed ones.
     */
    private static void oddMultiples(ECPoint q, long[][] qx, long[][] qy) {
        int count = qx.length;
        long[][] qz = new long[count][LIMBS];
        qx[0] = FIELD.of(q.getAffineXCoord().toBigInteger());
        qy[0] = FIELD.of(q.getAffineYCoord().toBigInteger());
        qz[0] = FIELD.one();
        JacobianSum twice = new JacobianSum(FIELD);
        twice.set(qx[0], qy[0], qz[0]);
        twice.twice();
        long[] twoX = new long[LIMBS], twoY = new long[LIMBS], twoZ = new long[LIMBS];
        twice.copyTo(twoX, twoY, twoZ);
        JacobianSum next = new JacobianSum(FIELD);
        for (int i = 1; i < count; i++) {
            next.set(qx[i - 1], qy[i - 1], qz[i - 1]);
            next.add(twoX, twoY, twoZ);                    // Q has order n: no odd multiple below 16Q is infinity
            next.copyTo(qx[i], qy[i], qz[i]);
        }
        // prefix[i] = Z1·…·Zi (Z0 = 1); then walking back, inverse = (Z1·…·Zi)⁻¹ gives Zi⁻¹ = inverse·prefix[i−1]
        long[][] prefix = new long[count][LIMBS];
        prefix[0] = qz[0];
        for (int i = 1; i < count; i++) FIELD.multiply(prefix[i - 1], qz[i], prefix[i]);
        long[] inverse = new long[LIMBS], zInverse = new long[LIMBS], zz = new long[LIMBS];
        FIELD.invert(prefix[count - 1], inverse);
        for (int i = count - 1; i >= 1; i--) {
            FIELD.multiply(inverse, prefix[i - 1], zInverse);
            FIELD.multiply(inverse, qz[i], inverse);
            FIELD.square(zInverse, zz);
            FIELD.multiply(qx[i], zz, qx[i]);                              // x = X/Z²
            FIELD.multiply(zz, zInverse, zz);
            FIELD.multiply(qy[i], zz, qy[i]);                              // y = Y/Z³
        }
    }

    /**
     * The point of a 33-byte compressed encoding (SEC 1 §2.3.4: 02 or 03, then x), as BouncyCastle's
     * {@code decodePoint} reads it but with y = (x³ − 3x + b)<sup>(p+1)/4</sup> on the faster field.
     *
     * @throws IllegalArgumentException for another prefix, an x not below p, or an x of no point
     */
    static ECPoint decodeCompressed(ECCurve curve, byte[] encoded) {
        if (encoded.length != 33 || (encoded[0] != 2 && encoded[0] != 3)) {
            throw new IllegalArgumentException("not a compressed point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
        if (x.compareTo(FIELD.prime) >= 0) throw new IllegalArgumentException("x is not below p");
        long[] fx = FIELD.fromBytes(encoded, 1);
        long[] rhs = new long[LIMBS], threeX = new long[LIMBS];
        FIELD.square(fx, rhs);
        FIELD.multiply(rhs, fx, rhs);
        FIELD.add(fx, fx, threeX);
        FIELD.add(threeX, fx, threeX);
        FIELD.subtract(rhs, threeX, rhs);
        FIELD.add(rhs, B, rhs);
        if (!FIELD.sqrt(rhs, rhs)) throw new IllegalArgumentException("x is not the x of a point");
        BigInteger y = FIELD.toBigInteger(rhs);
        if (y.testBit(0) != (encoded[0] == 3)) {
            if (y.signum() == 0) throw new IllegalArgumentException("y = 0 has no odd root");
            y = FIELD.prime.subtract(y);
        }
        return curve.createPoint(x, y);
    }

    /** G's odd multiples 1·G, 3·G, …, 511·G, affine, in Montgomery form; y negated alongside for negative digits. */
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
                X[i] = FIELD.of(affine.getAffineXCoord().toBigInteger());
                Y[i] = FIELD.of(affine.getAffineYCoord().toBigInteger());
                NEGATED_Y[i] = new long[LIMBS];
                FIELD.negate(Y[i], NEGATED_Y[i]);
                multiple = multiple.add(twice);
            }
        }
    }

    /**
     * The width-w NAF of k in [0, 2<sup>256</sup>): digit i is 0 or odd in (−2<sup>w−1</sup>, 2<sup>w−1</sup>), at
     * most one non-zero digit in any w consecutive ones, and Σ digit<sub>i</sub>·2<sup>i</sup> = k; w at most 10.
     */
    static short[] wnaf(BigInteger k, int width) {
        if (k.signum() < 0 || k.bitLength() > 256 || width < 2 || width > G_WIDTH) {
            throw new IllegalArgumentException("a wNAF of width 2 to 10 of a scalar in [0, 2^256)");
        }
        long[] words = new long[5];
        for (int i = 0; i < 4; i++) words[i] = k.shiftRight(64 * i).longValue();
        short[] digits = new short[DIGITS];                          // the same length for every width
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
            digits[position] = (short) (digit - (carry << width));
            position += width;
        }
        return digits;
    }
}
