package org.civitas.sdk.key;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.civitas.sdk.internal.Curves;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * k·G for a secret k on P-256 or SM2, in constant time: the signing nonces and the public key of a secret.
 *
 * <p>k is recoded into {@link #WINDOWS} signed digits d<sub>i</sub> in [−31, 32] with
 * k = Σ d<sub>i</sub>·2<sup>6i</sup>, and window i has its own table of the affine points j·2<sup>6i</sup>·G for
 * j = 1..32, so k·G is 43 mixed additions and no doubling; BouncyCastle's {@code FixedPointCombMultiplier}, which its
 * signers use, makes 43 doublings besides its 43 additions. The tables are 43 × 32 points, about 88 KB per curve,
 * built once, on the curve's first use.
 *
 * <p>Nothing that depends on k steers a branch or an address: each lookup reads all 32 entries of its window and keeps
 * one by mask, a negative digit negates y by mask, a zero digit still makes its addition and drops it by mask, and the
 * additions use the complete formulas of Renes, Costello and Batina, so no case (doubling, the point at infinity)
 * needs a branch. The field arithmetic is BouncyCastle's ({@link Field256}), as in its own signers.
 *
 * <p>Immutable and thread-safe: each multiplication has its own working numbers.
 */
final class FixedBaseMultiplier {

    /** Bits of k per window. */
    static final int WINDOW_BITS = 6;

    /** Windows: 43 × 6 = 258 bits, room for a 256-bit k and the carry out of its recoding. */
    static final int WINDOWS = 43;

    /** Entries per window: the magnitudes 1..32 of a signed digit. */
    private static final int ENTRIES = 1 << (WINDOW_BITS - 1);

    /**
     * Longs per entry: x, then y, four each. Two 32-bit words to a long halve the masked reads of a lookup, which
     * reads every entry.
     */
    private static final int ENTRY_LONGS = 8;

    private final Field256 field;
    private final ECDomainParameters domain;
    /** The curve's b, for the complete addition formulas. */
    private final int[] b;
    /**
     * Window i, entry j − 1: affine x and y of j·2<sup>6i</sup>·G, word 2m + 1 of a coordinate in the high half of its
     * long m and word 2m in the low half; one array, so that a lookup reads memory in order.
     */
    private final long[] table;

    private FixedBaseMultiplier(Field256 field, ECDomainParameters domain, long[] table) {
        this.field = field;
        this.domain = domain;
        this.b = Nat256.fromBigInteger(domain.getCurve().getB().toBigInteger());
        this.table = table;
    }

    /** The multiplier of a P-256 or SM2 key's generator, its tables built on the first call for that curve. */
    static FixedBaseMultiplier of(KeyType type) {
        switch (type) {
            case P256: return P256Generator.MULTIPLIER;
            case SM2: return Sm2Generator.MULTIPLIER;
            default: throw new IllegalArgumentException("no fixed-base multiplier for " + type);
        }
    }

    /** Builds the tables of {@code domain}'s generator; the field must be the domain's. */
    private static FixedBaseMultiplier build(Field256 field, ECDomainParameters domain) {
        ECCurve curve = domain.getCurve();
        ECPoint[] points = new ECPoint[WINDOWS * ENTRIES];
        ECPoint base = domain.getG().normalize();
        for (int window = 0; window < WINDOWS; window++) {
            int first = window * ENTRIES;
            points[first] = base;
            for (int j = 1; j < ENTRIES; j++) points[first + j] = points[first + j - 1].add(base);
            base = points[first + ENTRIES - 1].twice();                             // 64·2^(6i)·G = 2^(6(i+1))·G
        }
        curve.normalizeAll(points);
        long[] table = new long[points.length * ENTRY_LONGS];
        for (int i = 0; i < points.length; i++) {
            Nat256.copy64(Nat256.fromBigInteger64(points[i].getAffineXCoord().toBigInteger()), 0, table,
                i * ENTRY_LONGS);
            Nat256.copy64(Nat256.fromBigInteger64(points[i].getAffineYCoord().toBigInteger()), 0, table,
                i * ENTRY_LONGS + 4);
        }
        return new FixedBaseMultiplier(field, domain, table);
    }

    /** The affine x of k·G, for k in [1, n − 1]. */
    BigInteger affineX(BigInteger k) {
        ProjectiveSum sum = sumOfWindows(k);
        int[] x = Nat256.create();
        sum.affine(x, null);
        return Nat256.toBigInteger(x);
    }

    /** k·G as a normalized BouncyCastle point, for k in [1, n − 1]. */
    ECPoint multiply(BigInteger k) {
        ProjectiveSum sum = sumOfWindows(k);
        int[] x = Nat256.create();
        int[] y = Nat256.create();
        sum.affine(x, y);
        return domain.getCurve().createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
    }

    private ProjectiveSum sumOfWindows(BigInteger k) {
        if (k.signum() <= 0 || k.compareTo(domain.getN()) >= 0) {
            throw new IllegalArgumentException("the scalar is not in [1, n - 1]");
        }
        int[] words = Nat256.fromBigInteger(k);
        int[] digits = recode(words);
        Arrays.fill(words, 0);
        ProjectiveSum sum = new ProjectiveSum(field, b);
        int[] x = Nat256.create();
        int[] y = Nat256.create();
        int[] negatedY = Nat256.create();
        for (int window = 0; window < WINDOWS; window++) {
            int digit = digits[window];
            int negative = digit >> 31;                                   // −1 for a negative digit, else 0
            int magnitude = (digit ^ negative) - negative;
            lookup(window, magnitude, x, y);
            field.negateIf(negative, y, y, negatedY);                     // a negative digit has magnitude ≥ 1
            sum.addIfNonZero(-magnitude >> 31, x, y);                     // −1 unless the digit is 0
        }
        Arrays.fill(digits, 0);
        return sum;
    }

    /**
     * Signed digits of k (256 bits in eight words): window i's six bits plus the carry from window i − 1, w in
     * [0, 64], become d = w when w ≤ 32, else d = w − 64 with a carry of 1 into the next window; so d is in [−31, 32]
     * and k = Σ d<sub>i</sub>·2<sup>6i</sup>. The top window holds 4 bits and a carry, at most 16: no carry out.
     */
    static int[] recode(int[] k) {
        int[] digits = new int[WINDOWS];
        int carry = 0;
        for (int window = 0; window < WINDOWS; window++) {
            int w = bits(k, window * WINDOW_BITS) + carry;
            carry = (32 - w) >>> 31;                                      // 1 when w > 32
            digits[window] = w - (carry << WINDOW_BITS);
        }
        return digits;
    }

    /** The six bits of k from bit {@code position} up (zero past bit 255); the position is public. */
    private static int bits(int[] k, int position) {
        int word = position >>> 5;
        int shift = position & 31;
        int value = k[word] >>> shift;
        if (shift > 32 - WINDOW_BITS && word + 1 < k.length) value |= k[word + 1] << (32 - shift);
        return value & ((1 << WINDOW_BITS) - 1);
    }

    /**
     * x, y = the entry of magnitude {@code magnitude} in [1, 32] of {@code window}, or zeros for 0: every entry is
     * read and kept or dropped by mask, so the address pattern is the same for every digit.
     */
    private void lookup(int window, int magnitude, int[] x, int[] y) {
        long x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
        int at = window * ENTRIES * ENTRY_LONGS;
        for (int j = 1; j <= ENTRIES; j++, at += ENTRY_LONGS) {
            long mask = ((magnitude ^ j) - 1) >> 31;                      // −1 only when magnitude == j
            x0 |= table[at] & mask;
            x1 |= table[at + 1] & mask;
            x2 |= table[at + 2] & mask;
            x3 |= table[at + 3] & mask;
            y0 |= table[at + 4] & mask;
            y1 |= table[at + 5] & mask;
            y2 |= table[at + 6] & mask;
            y3 |= table[at + 7] & mask;
        }
        unpack(x0, x1, x2, x3, x);
        unpack(y0, y1, y2, y3, y);
    }

    private static void unpack(long w0, long w1, long w2, long w3, int[] z) {
        z[0] = (int) w0;
        z[1] = (int) (w0 >>> 32);
        z[2] = (int) w1;
        z[3] = (int) (w1 >>> 32);
        z[4] = (int) w2;
        z[5] = (int) (w2 >>> 32);
        z[6] = (int) w3;
        z[7] = (int) (w3 >>> 32);
    }

    /**
     * A running sum in homogeneous projective coordinates (x = X/Z, y = Y/Z; the point at infinity is (0 : 1 : 0)) on a
     * curve with a = −3, with its scratch numbers. Mutable; one per multiplication.
     */
    private static final class ProjectiveSum {
        private final Field256 field;
        private final int[] b;
        private final int[] x = Nat256.create();
        private final int[] y = Nat256.fromBigInteger(BigInteger.ONE);
        private final int[] z = Nat256.create();
        private final int[] x3 = Nat256.create();
        private final int[] y3 = Nat256.create();
        private final int[] z3 = Nat256.create();
        private final int[] t0 = Nat256.create();
        private final int[] t1 = Nat256.create();
        private final int[] t2 = Nat256.create();
        private final int[] t3 = Nat256.create();
        private final int[] t4 = Nat256.create();
        private final int[] product = Nat256.createExt();

        ProjectiveSum(Field256 field, int[] b) {
            this.field = field;
            this.b = b;
        }

        /**
         * Adds the affine point (x2, y2) when {@code mask} is −1; computes the same sum and drops it when 0.
         * Renes–Costello–Batina 2016, Algorithm 5 (complete mixed addition, a = −3), step for step: 11M + 2 products
         * by b. Complete for any sum, the point at infinity included, and any affine (x2, y2) on the curve.
         */
        void addIfNonZero(int mask, int[] x2, int[] y2) {
            Field256 f = field;
            f.multiply(x, x2, t0, product);                      // 1  t0 = X1·X2
            f.multiply(y, y2, t1, product);                      // 2  t1 = Y1·Y2
            f.add(x2, y2, t3);                                   // 3  t3 = X2 + Y2
            f.add(x, y, t4);                                     // 4  t4 = X1 + Y1
            f.multiply(t3, t4, t3, product);                     // 5  t3 = t3·t4
            f.add(t0, t1, t4);                                   // 6  t4 = t0 + t1
            f.subtract(t3, t4, t3);                              // 7  t3 = t3 − t4
            f.multiply(y2, z, t4, product);                      // 8  t4 = Y2·Z1
            f.add(t4, y, t4);                                    // 9  t4 = t4 + Y1
            f.multiply(x2, z, y3, product);                      // 10 Y3 = X2·Z1
            f.add(y3, x, y3);                                    // 11 Y3 = Y3 + X1
            f.multiply(b, z, z3, product);                       // 12 Z3 = b·Z1
            f.subtract(y3, z3, x3);                              // 13 X3 = Y3 − Z3
            f.add(x3, x3, z3);                                   // 14 Z3 = X3 + X3
            f.add(x3, z3, x3);                                   // 15 X3 = X3 + Z3
            f.subtract(t1, x3, z3);                              // 16 Z3 = t1 − X3
            f.add(t1, x3, x3);                                   // 17 X3 = t1 + X3
            f.multiply(b, y3, y3, product);                      // 18 Y3 = b·Y3
            f.add(z, z, t1);                                     // 19 t1 = Z1 + Z1
            f.add(t1, z, t2);                                    // 20 t2 = t1 + Z1
            f.subtract(y3, t2, y3);                              // 21 Y3 = Y3 − t2
            f.subtract(y3, t0, y3);                              // 22 Y3 = Y3 − t0
            f.add(y3, y3, t1);                                   // 23 t1 = Y3 + Y3
            f.add(t1, y3, y3);                                   // 24 Y3 = t1 + Y3
            f.add(t0, t0, t1);                                   // 25 t1 = t0 + t0
            f.add(t1, t0, t0);                                   // 26 t0 = t1 + t0
            f.subtract(t0, t2, t0);                              // 27 t0 = t0 − t2
            f.multiply(t4, y3, t1, product);                     // 28 t1 = t4·Y3
            f.multiply(t0, y3, t2, product);                     // 29 t2 = t0·Y3
            f.multiply(x3, z3, y3, product);                     // 30 Y3 = X3·Z3
            f.add(y3, t2, y3);                                   // 31 Y3 = Y3 + t2
            f.multiply(t3, x3, x3, product);                     // 32 X3 = t3·X3
            f.subtract(x3, t1, x3);                              // 33 X3 = X3 − t1
            f.multiply(t4, z3, z3, product);                     // 34 Z3 = t4·Z3
            f.multiply(t3, t0, t1, product);                     // 35 t1 = t3·t0
            f.add(z3, t1, z3);                                   // 36 Z3 = Z3 + t1
            Field256.copyIf(mask, x3, x);
            Field256.copyIf(mask, y3, y);
            Field256.copyIf(mask, z3, z);
        }

        /** x = X/Z and, when {@code yOut} is not null, y = Y/Z: one inversion (constant time in BouncyCastle). */
        void affine(int[] xOut, int[] yOut) {
            field.invert(z, t0);
            field.multiply(x, t0, xOut, product);
            if (yOut != null) field.multiply(y, t0, yOut, product);
        }
    }

    /** Lazy holders: a curve's tables are built when it first signs or reads a secret. */
    private static final class P256Generator {
        static final FixedBaseMultiplier MULTIPLIER = build(Field256.P256, Curves.P256);
    }

    private static final class Sm2Generator {
        static final FixedBaseMultiplier MULTIPLIER = build(Field256.SM2, Curves.SM2);
    }
}
