package org.civitas.sdk.key;

import org.bouncycastle.math.ec.custom.gm.SM2P256V1Field;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

import java.math.BigInteger;

/**
 * Arithmetic modulo the prime of P-256 or of SM2 on BouncyCastle's eight-word little-endian numbers, fully
 * reduced: the operations {@link FixedBaseMultiplier} builds its constant-time point additions from for signing,
 * without allocating a point, a field element or a product per step (verification runs on the faster
 * {@link Field52}, which is not constant-time). The output may be the same array as an input.
 *
 * <p>{@link #copyIf} and {@link #negateIf} take a mask instead of a boolean so that a secret never steers a branch;
 * the arithmetic itself is BouncyCastle's, whose carry handling is the same its own signers rely on.
 */
enum Field256 {

    /** p = 2<sup>256</sup> − 2<sup>224</sup> + 2<sup>192</sup> + 2<sup>96</sup> − 1 (FIPS 186-4 §D.1.2.3). */
    P256("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF") {
        @Override void add(int[] x, int[] y, int[] z) { SecP256R1Field.add(x, y, z); }
        @Override void subtract(int[] x, int[] y, int[] z) { SecP256R1Field.subtract(x, y, z); }
        @Override void reduce(int[] xx, int[] z) { SecP256R1Field.reduce(xx, z); }
        @Override void invert(int[] x, int[] z) { SecP256R1Field.inv(x, z); }
    },

    /** p = 2<sup>256</sup> − 2<sup>224</sup> − 2<sup>96</sup> + 2<sup>64</sup> − 1, of the SM2 curve (GB/T 32918.5). */
    SM2("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF") {
        @Override void add(int[] x, int[] y, int[] z) { SM2P256V1Field.add(x, y, z); }
        @Override void subtract(int[] x, int[] y, int[] z) { SM2P256V1Field.subtract(x, y, z); }
        @Override void reduce(int[] xx, int[] z) { SM2P256V1Field.reduce(xx, z); }
        @Override void invert(int[] x, int[] z) { SM2P256V1Field.inv(x, z); }
    };

    private final int[] prime;

    Field256(String primeHex) { this.prime = Nat256.fromBigInteger(new BigInteger(primeHex, 16)); }

    /** z = x + y. */
    abstract void add(int[] x, int[] y, int[] z);

    /** z = x - y. */
    abstract void subtract(int[] x, int[] y, int[] z);

    /** z = xx mod p, for a 16-word product xx. */
    abstract void reduce(int[] xx, int[] z);

    /** z = x·y, with {@code product} (16 words, {@link Nat256#createExt}) as scratch space. */
    final void multiply(int[] x, int[] y, int[] z, int[] product) {
        Nat256.mul(x, y, product);
        reduce(product, z);
    }

    /** z = x⁻¹ (x non-zero). */
    abstract void invert(int[] x, int[] z);

    /**
     * z = −y when {@code mask} is −1, y when it is 0, for y in [1, p − 1] (no point of a prime-order curve has
     * y = 0): p − y computed into {@code negated} (scratch, 8 words) and kept or dropped by the mask, the same work
     * either way.
     */
    void negateIf(int mask, int[] y, int[] z, int[] negated) {
        Nat256.sub(prime, y, negated);
        for (int i = 0; i < 8; i++) z[i] = y[i] ^ ((y[i] ^ negated[i]) & mask);
    }

    /** z = x when {@code mask} is −1, z unchanged when it is 0: every word is read and written either way. */
    static void copyIf(int mask, int[] x, int[] z) {
        for (int i = 0; i < 8; i++) z[i] ^= (z[i] ^ x[i]) & mask;
    }
}
