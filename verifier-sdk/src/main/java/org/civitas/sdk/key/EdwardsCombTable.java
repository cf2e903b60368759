package org.civitas.sdk.key;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A comb table of width 8 for one point P of edwards25519, the Ed25519 counterpart of {@link CombTable}: entry
 * {@code i} is the sum of 2<sup>32·t</sup>·P over the set bits t of {@code i}, so a scalar below 2<sup>256</sup>
 * costs 32 doublings and at most 32 additions of a table point. Entries are kept as ((y - x)/2, (y + x)/2, x·y·d),
 * the form BouncyCastle keeps its own base-point tables in, which makes adding one to a sum in extended coordinates
 * 7 multiplications. The steps run on {@link X25519Field} numbers in place, with no object per step. A table is
 * 255 points (about 45 KB as Java arrays) and takes a few verifications' time to build, so it pays only for points
 * that verify again and again: the base point and issuers' long-lived keys.
 *
 * <p>Immutable and thread-safe once built. Variable-time: fit for verification, where every scalar and point is
 * public, never for signing.
 */
final class EdwardsCombTable {

    /** Bits of the scalar read per step: the table has 2<sup>WIDTH</sup> entries. */
    static final int WIDTH = 8;

    /** Distance between the bits of one step, 256 / {@link #WIDTH}: the bits of step j are bit j of each word. */
    private static final int SPACING = 32;

    /** (y - x)/2, (y + x)/2 and x·y·d of each entry; entry 0, the neutral element, is never read. */
    private final int[][] yMinusXHalf;
    private final int[][] yPlusXHalf;
    private final int[][] xyd;

    private EdwardsCombTable(int[][] yMinusXHalf, int[][] yPlusXHalf, int[][] xyd) {
        this.yMinusXHalf = yMinusXHalf;
        this.yPlusXHalf = yPlusXHalf;
        this.xyd = xyd;
    }

    /** Builds the table of {@code point}. */
    static EdwardsCombTable of(Edwards25519.Extended point) {
        Edwards25519.Extended[] entries = new Edwards25519.Extended[1 << WIDTH];
        entries[1] = point.copy();
        for (int t = 1; t < WIDTH; t++) {
            int first = 1 << t;
            entries[first] = entries[first >>> 1].copy();
            for (int i = 0; i < SPACING; i++) entries[first].twice();
            for (int rest = 1; rest < first; rest++) entries[first + rest] = entries[first].copy().add(entries[rest]);
        }
        int size = entries.length;
        int[][] yMinusXHalf = new int[size][];
        int[][] yPlusXHalf = new int[size][];
        int[][] xyd = new int[size][];
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        for (int i = 1; i < size; i++) {
            entries[i].toAffine(x, y);
            yMinusXHalf[i] = X25519Field.create();
            yPlusXHalf[i] = X25519Field.create();
            xyd[i] = X25519Field.create();
            X25519Field.apm(y, x, yPlusXHalf[i], yMinusXHalf[i]);
            X25519Field.mul(yPlusXHalf[i], Edwards25519.HALF, yPlusXHalf[i]);
            X25519Field.mul(yMinusXHalf[i], Edwards25519.HALF, yMinusXHalf[i]);
            X25519Field.mul(x, y, xyd[i]);
            X25519Field.mul(xyd[i], Edwards25519.D, xyd[i]);
        }
        return new EdwardsCombTable(yMinusXHalf, yPlusXHalf, xyd);
    }

    /**
     * a·P + b·Q into {@code sum}, where this table is P's and {@code other} is Q's, for scalars below
     * 2<sup>256</sup> given as eight little-endian 32-bit words.
     */
    void sumOfTwoMultiplies(int[] a, EdwardsCombTable other, int[] b, ExtendedSum sum) {
        sum.setNeutral();
        for (int step = SPACING - 1; step >= 0; step--) {
            if (step != SPACING - 1) sum.twice();
            int aDigit = digit(a, step);
            int bDigit = digit(b, step);
            if (aDigit != 0) sum.add(yMinusXHalf[aDigit], yPlusXHalf[aDigit], xyd[aDigit]);
            if (bDigit != 0) sum.add(other.yMinusXHalf[bDigit], other.yPlusXHalf[bDigit], other.xyd[bDigit]);
        }
    }

    /** The index into a table for one step: bit {@code step} of word t of the scalar becomes bit t of the index. */
    private static int digit(int[] words, int step) {
        int digit = 0;
        for (int t = WIDTH - 1; t >= 0; t--) digit = (digit << 1) | ((words[t] >>> step) & 1);
        return digit;
    }

    /**
     * A running sum in extended coordinates with T kept as the product U·V (formed only when an addition needs
     * it), and its scratch number: BouncyCastle's own accumulator layout. Mutable; one per verification.
     */
    static final class ExtendedSum {
        private final int[] x = X25519Field.create();
        private final int[] y = X25519Field.create();
        private final int[] z = X25519Field.create();
        private final int[] u = X25519Field.create();
        private final int[] v = X25519Field.create();
        private final int[] scratch = X25519Field.create();
        private final int[] affineX = X25519Field.create();
        private final int[] affineY = X25519Field.create();

        void setNeutral() {
            X25519Field.zero(x);
            X25519Field.one(y);
            X25519Field.one(z);
            X25519Field.zero(u);
            X25519Field.one(v);
        }

        /** Doubling: 4S + 3M, T left as U·V. */
        void twice() { Edwards25519.twice(x, y, z, u, v); }

        /**
         * Adds the table point ((y - x)/2, (y + x)/2, x·y·d) ("madd-2008-hwcd-3" with the halves folded in): 7M.
         * Complete: it also doubles and reaches the neutral element.
         */
        void add(int[] yMinusXHalf, int[] yPlusXHalf, int[] xyd) {
            int[] a = x, b = y, c = scratch, e = u, f = x, g = y, h = v;
            X25519Field.apm(y, x, b, a);                          // Y + X, Y - X
            X25519Field.mul(a, yMinusXHalf, a);                   // A/2
            X25519Field.mul(b, yPlusXHalf, b);                    // B/2
            X25519Field.mul(u, v, c);                             // T
            X25519Field.mul(c, xyd, c);                           // C/2 = T·x·y·d
            X25519Field.apm(b, a, h, e);                          // H/2, E/2
            X25519Field.apm(z, c, g, f);                          // G/2, F/2 (D/2 = Z)
            X25519Field.mul(f, g, z);
            X25519Field.mul(f, e, x);
            X25519Field.mul(g, h, y);
        }

        /** Writes the RFC 8032 §5.1.2 encoding of the sum into {@code out} (32 bytes). */
        void encode(byte[] out) {
            X25519Field.invVar(z, scratch);
            X25519Field.mul(x, scratch, affineX);
            X25519Field.mul(y, scratch, affineY);
            X25519Field.normalize(affineX);
            X25519Field.normalize(affineY);
            Edwards25519.encode(affineX, affineY, out);
        }

        /** The sum as an {@link Edwards25519.Extended} point. */
        Edwards25519.Extended toExtended() {
            Edwards25519.Extended point = new Edwards25519.Extended();
            X25519Field.copy(x, 0, point.x, 0);
            X25519Field.copy(y, 0, point.y, 0);
            X25519Field.copy(z, 0, point.z, 0);
            X25519Field.mul(u, v, point.t);
            return point;
        }
    }
}
