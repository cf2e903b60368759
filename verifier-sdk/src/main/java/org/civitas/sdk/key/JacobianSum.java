package org.civitas.sdk.key;

import java.math.BigInteger;

/**
 * A running sum of points of P-256 or SM2 (curves with a = −3) in Jacobian coordinates (x = X/Z², y = Y/Z³) on
 * {@link Field52} numbers, with its scratch: what {@link CombTable} and {@link P256Wnaf} build a verification's
 * {@code a·G + b·Q} with, allocating nothing per step. Doubling is dbl-2001-b (3M + 5S), additions madd-2007-bl
 * (7M + 4S) and add-2007-bl (11M + 5S) of the Explicit-Formulas Database, with their exceptions (a point added to
 * itself or to its negation) handled, since a forged signature may steer a sum there.
 *
 * <p>Mutable, one per multiplication; variable-time, for public inputs only.
 */
final class JacobianSum {

    private static final int LIMBS = Field52.LIMBS;

    private final Field52 field;
    private final long[] one;
    private final long[] x = new long[LIMBS], y = new long[LIMBS], z = new long[LIMBS];
    private boolean infinity = true;
    private final long[] t1 = new long[LIMBS], t2 = new long[LIMBS], t3 = new long[LIMBS], t4 = new long[LIMBS];
    private final long[] t5 = new long[LIMBS], t6 = new long[LIMBS], t7 = new long[LIMBS];

    /** The point at infinity. */
    JacobianSum(Field52 field) {
        this.field = field;
        this.one = field.one();
    }

    boolean isInfinity() { return infinity; }

    /** The sum becomes (px : py : pz), a point other than infinity. */
    void set(long[] px, long[] py, long[] pz) {
        System.arraycopy(px, 0, x, 0, LIMBS);
        System.arraycopy(py, 0, y, 0, LIMBS);
        System.arraycopy(pz, 0, z, 0, LIMBS);
        infinity = false;
    }

    /** Copies the sum, which is not infinity, into (px : py : pz). */
    void copyTo(long[] px, long[] py, long[] pz) {
        System.arraycopy(x, 0, px, 0, LIMBS);
        System.arraycopy(y, 0, py, 0, LIMBS);
        System.arraycopy(z, 0, pz, 0, LIMBS);
    }

    /** Doubles the sum (no point of these prime-order curves but infinity has Y = 0). */
    void twice() {
        if (infinity) return;
        Field52 f = field;
        long[] delta = t1, gamma = t2, beta = t3, alpha = t4;
        f.square(z, delta);
        f.square(y, gamma);
        f.multiply(x, gamma, beta);
        f.subtractForProduct(x, delta, t5);
        f.addForProduct(x, delta, t6);
        f.multiply(t5, t6, alpha);
        f.times(alpha, 3, alpha);                      // α = 3(X − δ)(X + δ)
        f.addForProduct(y, z, t5);
        f.square(t5, t5);
        f.subtract(t5, gamma, delta, z);               // Z3 = (Y + Z)² − γ − δ
        f.times(beta, 4, beta);                        // 4β
        f.square(alpha, x);
        f.subtract(x, beta, beta, x);                  // X3 = α² − 8β
        f.subtractForProduct(beta, x, beta);
        f.multiply(alpha, beta, beta);
        f.addForProduct(gamma, gamma, gamma);
        f.square(gamma, gamma);                        // (2γ)² = 4γ²
        f.subtract(beta, gamma, gamma, y);             // Y3 = α(4β − X3) − 8γ²
    }

    /** madd-2007-bl: adds the affine point (px, py). */
    void addAffine(long[] px, long[] py) {
        if (infinity) {
            set(px, py, one);
            return;
        }
        Field52 f = field;
        long[] z1z1 = t1, h = t2, r = t3;
        f.square(z, z1z1);
        f.multiply(px, z1z1, h);
        f.subtract(h, x, h);                           // H = U2 − X1
        f.multiply(z, z1z1, r);
        f.multiply(py, r, r);
        f.subtract(r, y, r);                           // S2 − Y1
        if (sameXResolved(h, r)) return;
        f.addForProduct(r, r, r);                      // r = 2(S2 − Y1), below 4p: only squared and multiplied
        long[] hh = t4, i = t5, j = t6, v = t7;
        f.square(h, hh);
        f.times(hh, 4, i);                             // I = 4·HH
        f.multiply(h, i, j);                           // J = H·I
        f.multiply(x, i, v);                           // V = X1·I
        f.addForProduct(z, h, z);
        f.square(z, z);
        f.subtract(z, z1z1, hh, z);                    // Z3 = (Z1 + H)² − Z1Z1 − HH
        f.multiply(y, j, y);
        f.add(y, y, y);                                // 2·Y1·J
        finish(r, j, v);
    }

    /** add-2007-bl: adds the Jacobian point (px : py : pz), which is not infinity. */
    void add(long[] px, long[] py, long[] pz) {
        if (infinity) {
            set(px, py, pz);
            return;
        }
        Field52 f = field;
        long[] z1z1 = t1, z2z2 = t2, u1 = t3, h = t4, s1 = t5, r = t6;
        f.square(z, z1z1);
        f.square(pz, z2z2);
        f.multiply(x, z2z2, u1);
        f.multiply(px, z1z1, h);
        f.subtract(h, u1, h);                          // H = U2 − U1
        f.multiply(y, pz, s1);
        f.multiply(s1, z2z2, s1);                      // S1 = Y1·Z2·Z2Z2
        f.multiply(py, z, r);
        f.multiply(r, z1z1, r);
        f.subtract(r, s1, r);                          // S2 − S1
        if (sameXResolved(h, r)) return;
        f.addForProduct(r, r, r);                      // r = 2(S2 − S1), below 4p
        f.addForProduct(z, pz, z);
        f.square(z, z);
        f.subtract(z, z1z1, z2z2, z);
        f.multiply(z, h, z);                           // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        long[] i = t1, j = t2, v = t7;
        f.addForProduct(h, h, i);
        f.square(i, i);                                // I = (2H)²
        f.multiply(h, i, j);                           // J = H·I
        f.multiply(u1, i, v);                          // V = U1·I
        f.multiply(s1, j, y);
        f.add(y, y, y);                                // 2·S1·J
        finish(r, j, v);
    }

    /**
     * When both x coordinates agree (H = 0) the formulas divide by zero: the point added is the sum itself (its y
     * agrees too), so the result is the sum doubled, or it is its negation, so the result is infinity. Answers
     * whether that case was taken.
     */
    private boolean sameXResolved(long[] h, long[] r) {
        if (!field.isZero(h)) return false;
        if (field.isZero(r)) twice();
        else infinity = true;
        return true;
    }

    /** X3 = r² − J − 2V and Y3 = r(V − X3) − (the 2·Y1·J or 2·S1·J already in y). */
    private void finish(long[] r, long[] j, long[] v) {
        Field52 f = field;
        f.square(r, x);
        f.subtract(x, j, v, x);
        f.subtract(x, v, x);
        f.subtractForProduct(v, x, v);
        f.multiply(r, v, v);
        f.subtract(v, y, y);
    }

    /** The affine x, X/Z², or {@code null} at infinity. */
    BigInteger affineX() {
        if (infinity) return null;
        long[] zInverse = new long[LIMBS];
        field.invert(z, zInverse);
        field.square(zInverse, zInverse);
        field.multiply(x, zInverse, zInverse);
        return field.toBigInteger(zInverse);
    }

    /**
     * Whether the affine x reduced mod {@code order} is c (in [0, order)), the last step of ECDSA and SM2
     * verification, without an inversion: x = X/Z², so the question is X = c·Z² or, when c + order is below p
     * (an x in [order, p) reduces to c), X = (c + order)·Z². False at infinity.
     */
    boolean xReducedModOrderIs(BigInteger c, BigInteger order) {
        if (infinity) return false;
        long[] zz = new long[LIMBS];
        field.square(z, zz);
        long[] candidate = field.of(c);
        field.multiply(candidate, zz, candidate);
        if (field.equal(candidate, x)) return true;
        BigInteger second = c.add(order);
        if (second.compareTo(field.prime) >= 0) return false;
        candidate = field.of(second);
        field.multiply(candidate, zz, candidate);
        return field.equal(candidate, x);
    }
}
