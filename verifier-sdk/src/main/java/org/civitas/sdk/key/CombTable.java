package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

import java.math.BigInteger;

/**
 * A comb table of width 8 for one point P of P-256 or SM2 (Lim-Lee): entry {@code i} is the sum of
 * 2<sup>32·t</sup>·P over the set bits t of {@code i}, so a 256-bit scalar costs 32 doublings and at most 32
 * additions of an affine point. BouncyCastle's own cached tables have width 6: 43 doublings, and per step an
 * addition of two table points plus a full projective addition. The steps run in a {@link JacobianSum} on
 * {@link Field52} numbers, with none of the point and field-element objects BouncyCastle's point arithmetic
 * allocates per step.
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

    private final Field52 field;
    /** Affine coordinates of the entries in Montgomery form; entry 0, the point at infinity, is never read. */
    private final long[][] xs;
    private final long[][] ys;

    private CombTable(Field52 field, long[][] xs, long[][] ys) {
        this.field = field;
        this.xs = xs;
        this.ys = ys;
    }

    /** Builds the table of {@code point}, a point other than infinity on P-256 or SM2 ({@code field}'s curve). */
    static CombTable of(Field52 field, ECPoint point) {
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
        long[][] xs = new long[entries.length][];
        long[][] ys = new long[entries.length][];
        for (int i = 1; i < entries.length; i++) {
            xs[i] = field.of(entries[i].getAffineXCoord().toBigInteger());
            ys[i] = field.of(entries[i].getAffineYCoord().toBigInteger());
        }
        return new CombTable(field, xs, ys);
    }

    /**
     * {@code a·P + b·Q}, where this table is P's and {@code other} is Q's, for public scalars in
     * [0, 2<sup>256</sup>).
     */
    JacobianSum sum(BigInteger a, CombTable other, BigInteger b) {
        if (other.field != field) throw new IllegalArgumentException("tables of different curves");
        int[] aWords = Nat.fromBigInteger(SCALAR_BITS, a);
        int[] bWords = Nat.fromBigInteger(SCALAR_BITS, b);
        JacobianSum sum = new JacobianSum(field);
        for (int step = SPACING - 1; step >= 0; step--) {
            sum.twice();
            int aDigit = digit(aWords, step);
            int bDigit = digit(bWords, step);
            if (aDigit != 0) sum.addAffine(xs[aDigit], ys[aDigit]);
            if (bDigit != 0) sum.addAffine(other.xs[bDigit], other.ys[bDigit]);
        }
        return sum;
    }

    /** The index into a table for one step: bit {@code step} of word t of the scalar becomes bit t of the index. */
    private static int digit(int[] words, int step) {
        int digit = 0;
        for (int t = WIDTH - 1; t >= 0; t--) digit = (digit << 1) | ((words[t] >>> step) & 1);
        return digit;
    }
}
