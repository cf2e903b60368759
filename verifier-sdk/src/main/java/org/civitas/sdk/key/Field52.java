package org.civitas.sdk.key;

import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;

/**
 * Arithmetic modulo the prime of P-256 or of SM2 on five 52-bit limbs (little-endian {@code long[5]}), in Montgomery
 * form with R = 2<sup>260</sup>: what verification's point arithmetic ({@link JacobianSum}) runs on.
 *
 * <p>Why 52 bits: a product of two limbs then fits 104 bits, and a column of up to ten of them fits a {@code long}
 * without a carry per product (Java has no add-with-carry, which is what made a four-word field slower than
 * BouncyCastle's eight 32-bit words). Both primes are ≡ −1 (mod 2<sup>52</sup>), so a Montgomery step's multiplier
 * is the low limb itself, and both are sums of five signed powers of two, so adding the multiplier times p is
 * shifts and additions. A multiplication takes about 15% less time than BouncyCastle's, a squaring about 30% less.
 *
 * <p>Values are kept in [0, 2p). A product leaves its limbs carried (in [0, 2<sup>52</sup>), the top one holding the
 * rest) and is again below 1.25p, so only additions and subtractions reduce: they fold the bits from 2<sup>256</sup>
 * up back in, which leaves a few limbs up to 15·2<sup>44</sup> outside [0, 2<sup>52</sup>), and those whose result
 * only feeds a product need not reduce at all ({@link #addForProduct}, {@link #subtractForProduct}). Limbs are
 * therefore not one representation of a value: comparisons go through {@link #isZero}, which carries them.
 * Not constant-time in {@link #isZero}, {@link #equal} and {@link #sqrt}: it serves verification, where every input
 * is public ({@link Field256} is what signing uses). The output array may be an input.
 *
 * <p>The speed is HotSpot's, where {@code Math.multiplyHigh} is one instruction. On Android before API 31 it is
 * D8's backport in plain Java, so there this field may well be slower than BouncyCastle's; not measured.
 */
enum Field52 {

    /** p = 2<sup>256</sup> − 2<sup>224</sup> + 2<sup>192</sup> + 2<sup>96</sup> − 1 (FIPS 186-4 §D.1.2.3). */
    P256("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
        // 2^256 − p = 2^224 − 2^192 − 2^96 + 1, at limbs 0, 1 (2^96 = 2^52·2^44), 3 (2^192 = 2^156·2^36)
        // and 4 (2^224 = 2^208·2^16)
        new long[] {1, -(1L << 44), 0, -(1L << 36), 1L << 16}) {
        /**
         * m·p at limb i: −m (cancelled by t<sub>i</sub>'s carry), +m·2<sup>96</sup>, +m·2<sup>192</sup>,
         * −m·2<sup>224</sup>, +m·2<sup>256</sup>.
         */
        @Override void reduce(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7, long t8,
                              long t9, long[] z) {
            long m = t0 & M;
            t1 += (t0 >> 52) + ((m & 0xFF) << 44);
            t2 += m >>> 8;
            t3 += (m & 0xFFFF) << 36;
            t4 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t5 += (m >>> 4) - (m >>> 36);
            m = t1 & M;
            t2 += (t1 >> 52) + ((m & 0xFF) << 44);
            t3 += m >>> 8;
            t4 += (m & 0xFFFF) << 36;
            t5 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t6 += (m >>> 4) - (m >>> 36);
            m = t2 & M;
            t3 += (t2 >> 52) + ((m & 0xFF) << 44);
            t4 += m >>> 8;
            t5 += (m & 0xFFFF) << 36;
            t6 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t7 += (m >>> 4) - (m >>> 36);
            m = t3 & M;
            t4 += (t3 >> 52) + ((m & 0xFF) << 44);
            t5 += m >>> 8;
            t6 += (m & 0xFFFF) << 36;
            t7 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t8 += (m >>> 4) - (m >>> 36);
            m = t4 & M;
            t5 += (t4 >> 52) + ((m & 0xFF) << 44);
            t6 += m >>> 8;
            t7 += (m & 0xFFFF) << 36;
            t8 += (m >>> 16) + ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t9 += (m >>> 4) - (m >>> 36);
            carry(t5, t6, t7, t8, t9, z);
        }
    },

    /** p = 2<sup>256</sup> − 2<sup>224</sup> − 2<sup>96</sup> + 2<sup>64</sup> − 1, of the SM2 curve (GB/T 32918.5). */
    SM2("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF",
        // 2^256 − p = 2^224 + 2^96 − 2^64 + 1, at limbs 0, 1 (2^96 and 2^64 = 2^52·2^12), 4 (2^208·2^16)
        new long[] {1, (1L << 44) - (1L << 12), 0, 0, 1L << 16}) {
        /**
         * m·p at limb i: −m (cancelled by t<sub>i</sub>'s carry), +m·2<sup>64</sup>, −m·2<sup>96</sup>,
         * −m·2<sup>224</sup>, +m·2<sup>256</sup>.
         */
        @Override void reduce(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7, long t8,
                              long t9, long[] z) {
            long m = t0 & M;
            t1 += (t0 >> 52) + ((m & 0xFFFFFFFFFFL) << 12) - ((m & 0xFF) << 44);
            t2 += (m >>> 40) - (m >>> 8);
            t4 += ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t5 += (m >>> 4) - (m >>> 36);
            m = t1 & M;
            t2 += (t1 >> 52) + ((m & 0xFFFFFFFFFFL) << 12) - ((m & 0xFF) << 44);
            t3 += (m >>> 40) - (m >>> 8);
            t5 += ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t6 += (m >>> 4) - (m >>> 36);
            m = t2 & M;
            t3 += (t2 >> 52) + ((m & 0xFFFFFFFFFFL) << 12) - ((m & 0xFF) << 44);
            t4 += (m >>> 40) - (m >>> 8);
            t6 += ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t7 += (m >>> 4) - (m >>> 36);
            m = t3 & M;
            t4 += (t3 >> 52) + ((m & 0xFFFFFFFFFFL) << 12) - ((m & 0xFF) << 44);
            t5 += (m >>> 40) - (m >>> 8);
            t7 += ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t8 += (m >>> 4) - (m >>> 36);
            m = t4 & M;
            t5 += (t4 >> 52) + ((m & 0xFFFFFFFFFFL) << 12) - ((m & 0xFF) << 44);
            t6 += (m >>> 40) - (m >>> 8);
            t8 += ((m & 0xF) << 48) - ((m & 0xFFFFFFFFFL) << 16);
            t9 += (m >>> 4) - (m >>> 36);
            carry(t5, t6, t7, t8, t9, z);
        }
    };

    static final int LIMBS = 5;
    private static final long M = (1L << 52) - 1;
    /** The bits of the top limb below 2<sup>256</sup> (it starts at bit 208). */
    private static final long TOP = (1L << 48) - 1;

    /** The prime. */
    final BigInteger prime;
    private final long[] p;
    /** 2p's limbs, as fields: an array read per operation costs measurably on this path. */
    private final long twoP0, twoP1, twoP2, twoP3, twoP4;
    /** 2<sup>256</sup> − p as signed limbs of a few bits each: what a multiple of 2<sup>256</sup> folds back to. */
    private final long fold1, fold3, fold4;
    /** R² mod p: {@code multiply(x, r2)} takes a plain x into Montgomery form. */
    private final long[] r2;
    private final long[] plainOne;
    /** 1 in Montgomery form; never handed out, since one write would corrupt every later use. */
    private final long[] one;
    private final BigInteger sqrtExponent;

    Field52(String primeHex, long[] fold) {
        prime = new BigInteger(primeHex, 16);
        BigInteger folded = BigInteger.ZERO;                            // the hand-placed limbs, checked once
        for (int i = LIMBS - 1; i >= 0; i--) folded = folded.shiftLeft(52).add(BigInteger.valueOf(fold[i]));
        if (fold[0] != 1 || fold[2] != 0 || !folded.equals(BigInteger.ONE.shiftLeft(256).subtract(prime))) {
            throw new IllegalArgumentException("the fold limbs are not 2^256 − p with 1 at limb 0 and 0 at limb 2");
        }
        this.fold1 = fold[1];
        this.fold3 = fold[3];
        this.fold4 = fold[4];
        p = limbs(prime);
        long[] twoP = limbs(prime.shiftLeft(1));
        twoP0 = twoP[0];
        twoP1 = twoP[1];
        twoP2 = twoP[2];
        twoP3 = twoP[3];
        twoP4 = twoP[4];
        r2 = limbs(BigInteger.ONE.shiftLeft(520).mod(prime));
        plainOne = limbs(BigInteger.ONE);
        one = limbs(BigInteger.ONE.shiftLeft(260).mod(prime));
        sqrtExponent = prime.add(BigInteger.ONE).shiftRight(2);          // both primes are 3 mod 4
    }

    /**
     * z = t·2<sup>−260</sup> mod p for the ten 52-bit columns t of a product: five Montgomery steps, each adding
     * m·p at limb i with m = t<sub>i</sub> mod 2<sup>52</sup> (−p⁻¹ ≡ 1 mod 2<sup>52</sup>).
     */
    abstract void reduce(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7, long t8, long t9,
                         long[] z);

    /** z = the columns t5..t9 left by a reduction, carried into 52-bit limbs. */
    private static void carry(long t5, long t6, long t7, long t8, long t9, long[] z) {
        t6 += t5 >> 52;
        z[0] = t5 & M;
        t7 += t6 >> 52;
        z[1] = t6 & M;
        t8 += t7 >> 52;
        z[2] = t7 & M;
        t9 += t8 >> 52;
        z[3] = t8 & M;
        z[4] = t9;
    }

    /** A new array holding 1 in Montgomery form. */
    long[] one() { return one.clone(); }

    /** The Montgomery form of x in [0, p). */
    long[] of(BigInteger x) {
        long[] z = limbs(x);
        multiply(z, r2, z);
        return z;
    }

    /** The Montgomery form of a 32-byte big-endian number below p. */
    long[] fromBytes(byte[] bytes, int offset) {
        long[] z = new long[LIMBS];
        for (int bit = 0, i = offset + 31; i >= offset; i--, bit += 8) {
            long b = bytes[i] & 0xFF;
            int limb = bit / 52, shift = bit % 52;
            z[limb] |= (b << shift) & M;
            if (shift > 44) z[limb + 1] |= b >>> (52 - shift);
        }
        multiply(z, r2, z);
        return z;
    }

    /** The plain value of x, in [0, p). */
    BigInteger toBigInteger(long[] x) {
        long[] plain = new long[LIMBS];
        multiply(x, plainOne, plain);
        canonical(plain, plain);
        BigInteger value = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) value = value.shiftLeft(52).add(BigInteger.valueOf(plain[i]));
        return value;
    }

    /**
     * z = x·y·R⁻¹. Column k of the product gets, from each a<sub>i</sub>·b<sub>j</sub> with i + j = k, its low 52
     * bits, and column k + 1 its high bits, ab >> 52: the high word of (a·2<sup>6</sup>)(b·2<sup>6</sup>). The low
     * bits of a column are summed as the column's wrapping 64-bit products less its high parts shifted back, which
     * is exact since that sum is below 2<sup>56</sup>, and saves masking every product.
     */
    void multiply(long[] x, long[] y, long[] z) {
        long a0 = x[0], a1 = x[1], a2 = x[2], a3 = x[3], a4 = x[4];
        long b0 = y[0], b1 = y[1], b2 = y[2], b3 = y[3], b4 = y[4];
        long s0 = a0 << 6, s1 = a1 << 6, s2 = a2 << 6, s3 = a3 << 6, s4 = a4 << 6;
        long u0 = b0 << 6, u1 = b1 << 6, u2 = b2 << 6, u3 = b3 << 6, u4 = b4 << 6;
        long h0 = Math.multiplyHigh(s0, u0);
        long h1 = Math.multiplyHigh(s0, u1) + Math.multiplyHigh(s1, u0);
        long h2 = Math.multiplyHigh(s0, u2) + Math.multiplyHigh(s1, u1) + Math.multiplyHigh(s2, u0);
        long h3 = Math.multiplyHigh(s0, u3) + Math.multiplyHigh(s1, u2) + Math.multiplyHigh(s2, u1)
            + Math.multiplyHigh(s3, u0);
        long h4 = Math.multiplyHigh(s0, u4) + Math.multiplyHigh(s1, u3) + Math.multiplyHigh(s2, u2)
            + Math.multiplyHigh(s3, u1) + Math.multiplyHigh(s4, u0);
        long h5 = Math.multiplyHigh(s1, u4) + Math.multiplyHigh(s2, u3) + Math.multiplyHigh(s3, u2)
            + Math.multiplyHigh(s4, u1);
        long h6 = Math.multiplyHigh(s2, u4) + Math.multiplyHigh(s3, u3) + Math.multiplyHigh(s4, u2);
        long h7 = Math.multiplyHigh(s3, u4) + Math.multiplyHigh(s4, u3);
        long h8 = Math.multiplyHigh(s4, u4);
        long l0 = a0 * b0 - (h0 << 52);
        long l1 = a0 * b1 + a1 * b0 - (h1 << 52);
        long l2 = a0 * b2 + a1 * b1 + a2 * b0 - (h2 << 52);
        long l3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 - (h3 << 52);
        long l4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0 - (h4 << 52);
        long l5 = a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 - (h5 << 52);
        long l6 = a2 * b4 + a3 * b3 + a4 * b2 - (h6 << 52);
        long l7 = a3 * b4 + a4 * b3 - (h7 << 52);
        long l8 = a4 * b4 - (h8 << 52);
        reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8, z);
    }

    /** z = x²·R⁻¹: as {@link #multiply}, with each cross product once, doubled. */
    void square(long[] x, long[] z) {
        long a0 = x[0], a1 = x[1], a2 = x[2], a3 = x[3], a4 = x[4];
        long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1;
        long s0 = a0 << 6, s1 = a1 << 6, s2 = a2 << 6, s3 = a3 << 6, s4 = a4 << 6;
        long e0 = a0 << 7, e1 = a1 << 7, e2 = a2 << 7, e3 = a3 << 7;
        long h0 = Math.multiplyHigh(s0, s0);
        long h1 = Math.multiplyHigh(e0, s1);
        long h2 = Math.multiplyHigh(e0, s2) + Math.multiplyHigh(s1, s1);
        long h3 = Math.multiplyHigh(e0, s3) + Math.multiplyHigh(e1, s2);
        long h4 = Math.multiplyHigh(e0, s4) + Math.multiplyHigh(e1, s3) + Math.multiplyHigh(s2, s2);
        long h5 = Math.multiplyHigh(e1, s4) + Math.multiplyHigh(e2, s3);
        long h6 = Math.multiplyHigh(e2, s4) + Math.multiplyHigh(s3, s3);
        long h7 = Math.multiplyHigh(e3, s4);
        long h8 = Math.multiplyHigh(s4, s4);
        long l0 = a0 * a0 - (h0 << 52);
        long l1 = d0 * a1 - (h1 << 52);
        long l2 = d0 * a2 + a1 * a1 - (h2 << 52);
        long l3 = d0 * a3 + d1 * a2 - (h3 << 52);
        long l4 = d0 * a4 + d1 * a3 + a2 * a2 - (h4 << 52);
        long l5 = d1 * a4 + d2 * a3 - (h5 << 52);
        long l6 = d2 * a4 + a3 * a3 - (h6 << 52);
        long l7 = d3 * a4 - (h7 << 52);
        long l8 = a4 * a4 - (h8 << 52);
        reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8, z);
    }

    /** z = x + y. */
    void add(long[] x, long[] y, long[] z) {
        reduceBelowTwoP(x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3], x[4] + y[4], z);
    }

    /** z = x − y. */
    void subtract(long[] x, long[] y, long[] z) {
        reduceBelowTwoP(x[0] - y[0] + twoP0, x[1] - y[1] + twoP1, x[2] - y[2] + twoP2, x[3] - y[3] + twoP3,
            x[4] - y[4] + twoP4, z);
    }

    /**
     * z = x − y − w for x, y and w below 2p, reduced once: the point formulas' X3 and Z3 take two subtractions
     * each.
     */
    void subtract(long[] x, long[] y, long[] w, long[] z) {
        reduceBelowTwoP(x[0] - y[0] - w[0] + 2 * twoP0, x[1] - y[1] - w[1] + 2 * twoP1, x[2] - y[2] - w[2] + 2 * twoP2,
            x[3] - y[3] - w[3] + 2 * twoP3, x[4] - y[4] - w[4] + 2 * twoP4, z);
    }

    /**
     * z = k·x for x below 2p and k in [1, 8], reduced once where adding x to itself would reduce at every step.
     */
    void times(long[] x, int k, long[] z) {
        if (k < 1 || k > 8) throw new IllegalArgumentException("a multiple from 1 to 8");
        reduceBelowTwoP(k * x[0], k * x[1], k * x[2], k * x[3], k * x[4], z);
    }

    /**
     * z = x + y for x and y below 2p, left below 4p and not carried: only for an input of {@link #multiply} or
     * {@link #square}, which take values below 4p (their result is then below (16p/2<sup>260</sup> + 1)·p &lt; 2p)
     * and limbs of any sign up to 2<sup>55</sup>.
     */
    void addForProduct(long[] x, long[] y, long[] z) {
        for (int i = 0; i < LIMBS; i++) z[i] = x[i] + y[i];
    }

    /** z = x − y (+ 2p) for x and y below 2p, in (0, 4p) and not carried: only for an input of a product, as above. */
    void subtractForProduct(long[] x, long[] y, long[] z) {
        z[0] = x[0] - y[0] + twoP0;
        z[1] = x[1] - y[1] + twoP1;
        z[2] = x[2] - y[2] + twoP2;
        z[3] = x[3] - y[3] + twoP3;
        z[4] = x[4] - y[4] + twoP4;
    }

    /** z = −x. */
    void negate(long[] x, long[] z) {
        reduceBelowTwoP(twoP0 - x[0], twoP1 - x[1], twoP2 - x[2], twoP3 - x[3], twoP4 - x[4], z);
    }

    /**
     * z ≡ the value of limbs t in [0, 16p) (any sign and size per limb up to 2<sup>58</sup>), below 2p: carried, then
     * the bits from 2<sup>256</sup> up (k·2<sup>256</sup>, k below 16) folded back as k·(2<sup>256</sup> − p). That
     * leaves 2<sup>256</sup> + 15·2<sup>225</sup> at most, below 2p, and never below 0; the folded limbs may leave [0,
     * 2<sup>52</sup>) by at most 15·2<sup>44</sup>, which products accept. Cheaper than comparing with 2p and
     * subtracting it, which is a chain of five borrows and a select.
     */
    private void reduceBelowTwoP(long t0, long t1, long t2, long t3, long t4, long[] z) {
        t1 += t0 >> 52;
        t2 += t1 >> 52;
        t3 += t2 >> 52;
        t4 += t3 >> 52;
        long k = t4 >> 48;
        z[0] = (t0 & M) + k;
        z[1] = (t1 & M) + k * fold1;
        z[2] = t2 & M;
        z[3] = (t3 & M) + k * fold3;
        z[4] = (t4 & TOP) + k * fold4;
    }

    /** z = x mod p, in [0, p): the one representation of its residue. x must be carried (a product). */
    void canonical(long[] x, long[] z) {
        subtractIfNotBelow(x[0], x[1], x[2], x[3], x[4], p, z);
    }

    /** Branch-free: whether to subtract is as good as random, and a mispredicted branch costs more than both ways. */
    private static void subtractIfNotBelow(long t0, long t1, long t2, long t3, long t4, long[] modulus, long[] z) {
        long d0 = t0 - modulus[0];
        long d1 = t1 - modulus[1] + (d0 >> 52);
        long d2 = t2 - modulus[2] + (d1 >> 52);
        long d3 = t3 - modulus[3] + (d2 >> 52);
        long d4 = t4 - modulus[4] + (d3 >> 52);
        long keep = d4 >> 63;                                      // −1: t was below the modulus
        z[0] = ((d0 & M) & ~keep) | (t0 & keep);
        z[1] = ((d1 & M) & ~keep) | (t1 & keep);
        z[2] = ((d2 & M) & ~keep) | (t2 & keep);
        z[3] = ((d3 & M) & ~keep) | (t3 & keep);
        z[4] = (d4 & ~keep) | (t4 & keep);
    }

    /** Whether x (below 2p) is 0 mod p: carried, its limbs are those of 0 or of p. Allocates nothing. */
    boolean isZero(long[] x) {
        long t1 = x[1] + (x[0] >> 52);
        long t2 = x[2] + (t1 >> 52);
        long t3 = x[3] + (t2 >> 52);
        long t0 = x[0] & M, t4 = x[4] + (t3 >> 52);
        t1 &= M;
        t2 &= M;
        t3 &= M;
        if ((t0 | t1 | t2 | t3 | t4) == 0) return true;
        return t0 == p[0] && t1 == p[1] && t2 == p[2] && t3 == p[3] && t4 == p[4];
    }

    boolean equal(long[] x, long[] y) {
        long[] difference = new long[LIMBS];
        subtract(x, y, difference);
        return isZero(difference);
    }

    /** z = x<sup>e</sup> for e ≥ 1, left to right. */
    void power(long[] x, BigInteger e, long[] z) {
        long[] base = x.clone();
        long[] result = base.clone();
        for (int i = e.bitLength() - 2; i >= 0; i--) {
            square(result, result);
            if (e.testBit(i)) multiply(result, base, result);
        }
        System.arraycopy(result, 0, z, 0, LIMBS);
    }

    /** A square root of x into z, or false if x is not a square (p ≡ 3 mod 4, so it is x<sup>(p+1)/4</sup>). */
    boolean sqrt(long[] x, long[] z) {
        long[] root = new long[LIMBS];
        power(x, sqrtExponent, root);
        long[] check = new long[LIMBS];
        square(root, check);
        if (!equal(check, x)) return false;
        System.arraycopy(root, 0, z, 0, LIMBS);
        return true;
    }

    /**
     * z = x⁻¹ for x non-zero mod p (0 throws {@link ArithmeticException}), through BouncyCastle's variable-time
     * safegcd (a few times faster than x<sup>p−2</sup>; every input here is public).
     */
    void invert(long[] x, long[] z) {
        long[] inverse = of(BigIntegers.modOddInverseVar(prime, toBigInteger(x)));
        System.arraycopy(inverse, 0, z, 0, LIMBS);
    }

    private static long[] limbs(BigInteger x) {
        long[] z = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) z[i] = x.shiftRight(52 * i).longValue() & M;
        z[LIMBS - 1] = x.shiftRight(52 * (LIMBS - 1)).longValue();
        return z;
    }
}
