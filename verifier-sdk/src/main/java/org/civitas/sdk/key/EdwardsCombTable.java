package org.civitas.sdk.key;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Comb tables of width 8 for one point P of edwards25519, the Ed25519 counterpart of {@link CombTable}: entry
 * {@code i} of the first is the sum of 2<sup>32·t</sup>·P over the set bits t of {@code i}, and the second holds the
 * same sums times 2<sup>16</sup>, so a scalar below 2<sup>256</sup> costs 15 doublings and at most 32 additions of a
 * table point (one table would take 31 doublings for the same additions). Entries are kept as ((y - x)/2,
 * (y + x)/2, x·y·d), the form BouncyCastle keeps its own base-point tables in, which makes adding one to a sum in
 * extended coordinates 7 multiplications. The steps run on {@link X25519Field} numbers in place, with no object
 * per step. The tables are 510 points (about 90 KB as Java arrays) and take a few verifications' time to build, so
 * they pay only for points that verify again and again: the base point and issuers' long-lived keys.
 *
 * <p>Immutable and thread-safe once built. Variable-time: fit for verification, where every scalar and point is
 * public, never for signing.
 */
final class EdwardsCombTable {

    /** Bits of the scalar read per table and step: each table has 2<sup>WIDTH</sup> entries. */
    static final int WIDTH = 8;

    /** Distance between the bits of one digit, 256 / {@link #WIDTH}: a digit takes one bit of each word. */
    private static final int SPACING = 32;

    /** Steps per sum: the second table covers the upper half of each word's bits. */
    private static final int STEPS = SPACING / 2;

    private static final int ENTRIES = 1 << WIDTH;

    /**
     * (y - x)/2, (y + x)/2 and x·y·d of each entry, the first table's then the second's (entry
     * {@code ENTRIES + i} is 2<sup>16</sup> times entry i); entries 0 and {@code ENTRIES}, the neutral element,
     * are never read.
     */
    private final int[][] yMinusXHalf;
    private final int[][] yPlusXHalf;
    private final int[][] xyd;

    private EdwardsCombTable(int[][] yMinusXHalf, int[][] yPlusXHalf, int[][] xyd) {
        this.yMinusXHalf = yMinusXHalf;
        this.yPlusXHalf = yPlusXHalf;
        this.xyd = xyd;
    }

    /** Builds the tables of {@code point}. */
    static EdwardsCombTable of(Edwards25519.Extended point) {
        Edwards25519.Extended[] entries = new Edwards25519.Extended[2 * ENTRIES];
        Edwards25519.Extended upper = point.copy();
        for (int i = 0; i < STEPS; i++) upper.twice();
        fill(point.copy(), entries, 0);
        fill(upper, entries, ENTRIES);
        int size = entries.length;
        int[][] yMinusXHalf = new int[size][];
        int[][] yPlusXHalf = new int[size][];
        int[][] xyd = new int[size][];
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        for (int i = 1; i < size; i++) {
            if (i == ENTRIES) continue;
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

    /** One table of {@code base} into {@code entries} from {@code offset} (entry {@code offset} left empty). */
    private static void fill(Edwards25519.Extended base, Edwards25519.Extended[] entries, int offset) {
        entries[offset + 1] = base;
        for (int t = 1; t < WIDTH; t++) {
            int first = 1 << t;
            Edwards25519.Extended next = entries[offset + (first >>> 1)].copy();
            for (int i = 0; i < SPACING; i++) next.twice();
            entries[offset + first] = next;
            for (int rest = 1; rest < first; rest++) {
                entries[offset + first + rest] = next.copy().add(entries[offset + rest]);
            }
        }
    }

    /**
     * a·P + b·Q into {@code sum}, where these tables are P's and {@code other} is Q's, for scalars below
     * 2<sup>256</sup> given as eight little-endian 32-bit words.
     */
    void sumOfTwoMultiplies(int[] a, EdwardsCombTable other, int[] b, ExtendedSum sum) {
        sum.setNeutral();
        for (int step = STEPS - 1; step >= 0; step--) {
            if (step != STEPS - 1) sum.twice();
            add(sum, digit(a, step + STEPS) | ENTRIES);
            add(sum, digit(a, step));
            other.add(sum, digit(b, step + STEPS) | ENTRIES);
            other.add(sum, digit(b, step));
        }
    }

    /** Adds entry {@code index} unless it is one of the two neutral elements. */
    private void add(ExtendedSum sum, int index) {
        if ((index & (ENTRIES - 1)) != 0) sum.add(yMinusXHalf[index], yPlusXHalf[index], xyd[index]);
    }

    /** The index into a table for one bit position: bit {@code bit} of word t of the scalar becomes bit t. */
    private static int digit(int[] words, int bit) {
        int digit = 0;
        for (int t = WIDTH - 1; t >= 0; t--) digit = (digit << 1) | ((words[t] >>> bit) & 1);
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
