package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

import java.math.BigInteger;

/**
 * Comb tables of width 8 for one point P of P-256 or SM2 (Lim-Lee, two tables): entry {@code i} of the first is the
 * sum of 2<sup>32·t</sup>·P over the set bits t of {@code i}, and the second holds the same sums times
 * 2<sup>16</sup>, so a 256-bit scalar costs 16 doublings and at most 32 additions of an affine point. One table would
 * take 32 doublings for the same additions; BouncyCastle's own cached tables have width 6: 43 doublings, and per
 * step an addition of two table points plus a full projective addition. The steps run in a {@link JacobianSum} on
 * {@link Field52} numbers, with none of the point and field-element objects BouncyCastle's point arithmetic
 * allocates per step.
 * The tables are 510 affine points (about 60 KB) and take a few verifications' time to build, so they pay only for
 * points that verify again and again: the curve generators and issuers' long-lived keys.
 *
 * <p>Immutable and thread-safe once built. The arithmetic is variable-time: fit for verification, where every
 * scalar and point is public, never for signing.
 */
final class CombTable {

    /** Bits of the scalar read per table and step: each table has 2<sup>WIDTH</sup> entries. */
    static final int WIDTH = 8;

    /**
     * Distance between the bits of one digit, 256 / {@link #WIDTH}. Being 32, the bits of a digit are one bit of
     * each of the scalar's eight 32-bit words.
     */
    private static final int SPACING = 32;

    /** Steps per sum: the second table covers the upper half of each word's bits. */
    private static final int STEPS = SPACING / 2;

    private static final int SCALAR_BITS = WIDTH * SPACING;

    /** Entries per table; the second table starts here. */
    private static final int ENTRIES = 1 << WIDTH;

    private final Field52 field;
    /**
     * Affine coordinates of the entries in Montgomery form, the first table's then the second's (entry
     * {@code ENTRIES + i} is 2<sup>16</sup> times entry i); entries 0 and {@code ENTRIES}, the point at infinity,
     * are never read.
     */
    private final long[][] xs;
    private final long[][] ys;

    private CombTable(Field52 field, long[][] xs, long[][] ys) {
        this.field = field;
        this.xs = xs;
        this.ys = ys;
    }

    /** Builds the tables of {@code point}, a point other than infinity on P-256 or SM2 ({@code field}'s curve). */
    static CombTable of(Field52 field, ECPoint point) {
        ECPoint p = point.normalize();
        ECPoint[] entries = new ECPoint[2 * ENTRIES];
        fill(p, entries, 0);
        fill(p.timesPow2(STEPS).normalize(), entries, ENTRIES);
        point.getCurve().normalizeAll(entries);
        long[][] xs = new long[entries.length][];
        long[][] ys = new long[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            if (i % ENTRIES == 0) continue;                 // a table's entry 0, the point at infinity
            xs[i] = field.of(entries[i].getAffineXCoord().toBigInteger());
            ys[i] = field.of(entries[i].getAffineYCoord().toBigInteger());
        }
        return new CombTable(field, xs, ys);
    }

    /** One table of {@code base} into {@code entries} from {@code offset}. */
    private static void fill(ECPoint base, ECPoint[] entries, int offset) {
        entries[offset] = base.getCurve().getInfinity();
        entries[offset + 1] = base;
        for (int t = 1; t < WIDTH; t++) {
            int first = 1 << t;
            entries[offset + first] = entries[offset + (first >>> 1)].timesPow2(SPACING).normalize();
            for (int rest = 1; rest < first; rest++) {
                entries[offset + first + rest] = entries[offset + first].add(entries[offset + rest]);
            }
        }
    }

    /**
     * {@code a·P + b·Q}, where these tables are P's and {@code other} is Q's, for public scalars in
     * [0, 2<sup>256</sup>).
     */
    JacobianSum sum(BigInteger a, CombTable other, BigInteger b) {
        if (other.field != field) throw new IllegalArgumentException("tables of different curves");
        int[] aWords = Nat.fromBigInteger(SCALAR_BITS, a);
        int[] bWords = Nat.fromBigInteger(SCALAR_BITS, b);
        JacobianSum sum = new JacobianSum(field);
        for (int step = STEPS - 1; step >= 0; step--) {
            sum.twice();
            add(sum, digit(aWords, step + STEPS) | ENTRIES);
            add(sum, digit(aWords, step));
            other.add(sum, digit(bWords, step + STEPS) | ENTRIES);
            other.add(sum, digit(bWords, step));
        }
        return sum;
    }

    /** Adds entry {@code index} unless it is one of the two points at infinity. */
    private void add(JacobianSum sum, int index) {
        if ((index & (ENTRIES - 1)) != 0) sum.addAffine(xs[index], ys[index]);
    }

    /** The index into a table for one bit position: bit {@code bit} of word t of the scalar becomes bit t. */
    private static int digit(int[] words, int bit) {
        int digit = 0;
        for (int t = WIDTH - 1; t >= 0; t--) digit = (digit << 1) | ((words[t] >>> bit) & 1);
        return digit;
    }
}
