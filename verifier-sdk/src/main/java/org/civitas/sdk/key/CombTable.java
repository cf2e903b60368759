package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

import java.math.BigInteger;

/**
 * A comb table of width 8 for one point P of P-256 or SM2 (Lim-Lee): entry {@code i} is the sum of
 * 2<sup>32·t</sup>·P over the set bits t of {@code i}, so a 256-bit scalar costs 32 doublings and at most 32
 * additions of an affine point. BouncyCastle's own cached tables have width 6: 43 doublings, and per step an
 * addition of two table points plus a full projective addition. The steps run on {@link Field256} numbers in
 * place, with none of the point and field-element objects BouncyCastle's point arithmetic allocates per step.
 * A table is 255 affine points (about 25 KB) and takes a few verifications' time to build, so it pays only for
 * points that verify again and again: the curve generators and issuers' long-lived keys.
 *
 * <p>Immutable and thread-safe once built. The arithmetic is variable-time: fit for verification, where every
 * scalar and point is public, never for signing.
 */
final class CombTable {

    /** Bits of the scalar read per step: the table has 2<sup>WIDTH</sup> entries. */
    static final int WIDTH = 8;

    /**
     * Distance between the bits of one step, 256 / {@link #WIDTH}. Being 32, the bits of step {@code j} are bit
     * {@code j} of each of the scalar's eight 32-bit words.
     */
    private static final int SPACING = 32;

    private static final int SCALAR_BITS = WIDTH * SPACING;

    private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);
    private static final int[] ZERO = Nat256.create();

    private final Field256 field;
    /** Affine coordinates of the entries; entry 0, the point at infinity, is never read. */
    private final int[][] xs;
    private final int[][] ys;

    private CombTable(Field256 field, int[][] xs, int[][] ys) {
        this.field = field;
        this.xs = xs;
        this.ys = ys;
    }

    /** Builds the table of {@code point}, a point other than infinity on P-256 or SM2 ({@code field}'s curve). */
    static CombTable of(Field256 field, ECPoint point) {
        ECCurve curve = point.getCurve();
        ECPoint[] entries = new ECPoint[1 << WIDTH];
        entries[1] = point.normalize();
        for (int t = 1; t < WIDTH; t++) {
            int first = 1 << t;
            entries[first] = entries[first >>> 1].timesPow2(SPACING).normalize();
            for (int rest = 1; rest < first; rest++) entries[first + rest] = entries[first].add(entries[rest]);
        }
        entries[0] = curve.getInfinity();
        curve.normalizeAll(entries);
        int[][] xs = new int[entries.length][];
        int[][] ys = new int[entries.length][];
        for (int i = 1; i < entries.length; i++) {
            xs[i] = Nat256.fromBigInteger(entries[i].getAffineXCoord().toBigInteger());
            ys[i] = Nat256.fromBigInteger(entries[i].getAffineYCoord().toBigInteger());
        }
        return new CombTable(field, xs, ys);
    }

    /**
     * The affine x coordinate of {@code a·P + b·Q}, where this table is P's and {@code other} is Q's, for public
     * scalars in [0, 2<sup>256</sup>); {@code null} when the sum is the point at infinity.
     */
    BigInteger xOfSumOfTwoMultiplies(BigInteger a, CombTable other, BigInteger b) {
        if (other.field != field) throw new IllegalArgumentException("tables of different curves");
        int[] aWords = Nat.fromBigInteger(SCALAR_BITS, a);
        int[] bWords = Nat.fromBigInteger(SCALAR_BITS, b);
        JacobianSum sum = new JacobianSum(field);
        for (int step = SPACING - 1; step >= 0; step--) {
            sum.twice();
            int aDigit = digit(aWords, step);
            int bDigit = digit(bWords, step);
            if (aDigit != 0) sum.add(xs[aDigit], ys[aDigit]);
            if (bDigit != 0) sum.add(other.xs[bDigit], other.ys[bDigit]);
        }
        return sum.affineX();
    }

    /** The index into a table for one step: bit {@code step} of word t of the scalar becomes bit t of the index. */
    private static int digit(int[] words, int step) {
        int digit = 0;
        for (int t = WIDTH - 1; t >= 0; t--) digit = (digit << 1) | ((words[t] >>> step) & 1);
        return digit;
    }

    /**
     * A running sum in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the point at infinity) on a curve with
     * a = -3, as P-256 and SM2 are, with its scratch numbers. Mutable; one per multiplication.
     */
    private static final class JacobianSum {
        private final Field256 field;
        private final int[] x = Nat256.create();
        private final int[] y = Nat256.create();
        private final int[] z = Nat256.create();
        private final int[] t1 = Nat256.create();
        private final int[] t2 = Nat256.create();
        private final int[] t3 = Nat256.create();
        private final int[] t4 = Nat256.create();
        private final int[] t5 = Nat256.create();
        private final int[] product = Nat256.createExt();

        JacobianSum(Field256 field) { this.field = field; }

        private boolean isInfinity() { return Nat256.isZero(z); }

        /** Doubling "dbl-2001-b" (Bernstein-Lange EFD, a = -3): 3M + 5S. */
        void twice() {
            if (isInfinity()) return;
            int[] delta = t1, gamma = t2, beta = t3, alpha = t4;
            field.square(z, delta, product);
            field.square(y, gamma, product);
            field.multiply(x, gamma, beta, product);
            field.subtract(x, delta, t5);
            field.add(x, delta, alpha);
            field.multiply(t5, alpha, alpha, product);
            field.twice(alpha, t5);
            field.add(t5, alpha, alpha);                         // alpha = 3(X - delta)(X + delta)
            field.add(y, z, z);
            field.square(z, z, product);
            field.subtract(z, gamma, z);
            field.subtract(z, delta, z);                         // Z3 = (Y + Z)² - gamma - delta
            field.twice(beta, beta);
            field.twice(beta, beta);                             // beta = 4·beta
            field.square(alpha, x, product);
            field.twice(beta, t5);
            field.subtract(x, t5, x);                            // X3 = alpha² - 8·beta
            field.subtract(beta, x, y);
            field.multiply(alpha, y, y, product);
            field.square(gamma, t5, product);
            field.twice(t5, t5);
            field.twice(t5, t5);
            field.twice(t5, t5);
            field.subtract(y, t5, y);                            // Y3 = alpha(4·beta - X3) - 8·gamma²
        }

        /** Mixed addition of the affine point (x2, y2) (EFD "madd-2004-hmv"): 8M + 3S. */
        void add(int[] x2, int[] y2) {
            if (isInfinity()) {
                Nat256.copy(x2, x);
                Nat256.copy(y2, y);
                Nat256.copy(ONE, z);
                return;
            }
            int[] z1z1 = t1, h = t2, r = t3;
            field.square(z, z1z1, product);
            field.multiply(x2, z1z1, h, product);
            field.subtract(h, x, h);                             // H = x2·Z1² - X1
            field.multiply(z, z1z1, r, product);
            field.multiply(y2, r, r, product);
            field.subtract(r, y, r);                             // r = y2·Z1³ - Y1
            if (Nat256.isZero(h)) {
                if (Nat256.isZero(r)) {
                    twice();                                     // the same point: double it
                } else {
                    Nat256.copy(ZERO, z);                        // its negation: the sum is infinity
                }
                return;
            }
            int[] hh = t1, hhh = t4, v = t5;
            field.square(h, hh, product);
            field.multiply(h, hh, hhh, product);
            field.multiply(x, hh, v, product);                            // V = X1·H²
            field.multiply(z, h, z, product);                             // Z3 = Z1·H
            field.square(r, x, product);
            field.subtract(x, hhh, x);
            field.subtract(x, v, x);
            field.subtract(x, v, x);                             // X3 = r² - H³ - 2V
            field.multiply(y, hhh, y, product);
            field.subtract(v, x, v);
            field.multiply(r, v, v, product);
            field.subtract(v, y, y);                             // Y3 = r(V - X3) - Y1·H³
        }

        /** X/Z², or {@code null} at infinity. */
        BigInteger affineX() {
            if (isInfinity()) return null;
            field.invert(z, t1);
            field.square(t1, t1, product);
            field.multiply(x, t1, t1, product);
            return Nat256.toBigInteger(t1);
        }
    }
}
