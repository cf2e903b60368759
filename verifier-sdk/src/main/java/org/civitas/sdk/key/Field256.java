package org.civitas.sdk.key;

import org.bouncycastle.math.ec.custom.gm.SM2P256V1Field;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Arithmetic modulo the prime of P-256 or of SM2 on BouncyCastle's eight-word little-endian numbers, fully
 * reduced: the operations {@link CombTable} builds its point additions from, without allocating a point, a field
 * element or a product per step. The output may be the same array as an input.
 */
enum Field256 {

    P256 {
        @Override void add(int[] x, int[] y, int[] z) { SecP256R1Field.add(x, y, z); }
        @Override void subtract(int[] x, int[] y, int[] z) { SecP256R1Field.subtract(x, y, z); }
        @Override void twice(int[] x, int[] z) { SecP256R1Field.twice(x, z); }
        @Override void reduce(int[] xx, int[] z) { SecP256R1Field.reduce(xx, z); }
        @Override void invert(int[] x, int[] z) { SecP256R1Field.inv(x, z); }
    },

    SM2 {
        @Override void add(int[] x, int[] y, int[] z) { SM2P256V1Field.add(x, y, z); }
        @Override void subtract(int[] x, int[] y, int[] z) { SM2P256V1Field.subtract(x, y, z); }
        @Override void twice(int[] x, int[] z) { SM2P256V1Field.twice(x, z); }
        @Override void reduce(int[] xx, int[] z) { SM2P256V1Field.reduce(xx, z); }
        @Override void invert(int[] x, int[] z) { SM2P256V1Field.inv(x, z); }
    };

    /** z = x + y. */
    abstract void add(int[] x, int[] y, int[] z);

    /** z = x - y. */
    abstract void subtract(int[] x, int[] y, int[] z);

    /** z = 2x. */
    abstract void twice(int[] x, int[] z);

    /** z = xx mod p, for a 16-word product xx. */
    abstract void reduce(int[] xx, int[] z);

    /** z = x·y, with {@code product} (16 words, {@link Nat256#createExt}) as scratch space. */
    final void multiply(int[] x, int[] y, int[] z, int[] product) {
        Nat256.mul(x, y, product);
        reduce(product, z);
    }

    /** z = x², with {@code product} as scratch space. */
    final void square(int[] x, int[] z, int[] product) {
        Nat256.square(x, product);
        reduce(product, z);
    }

    /** z = x⁻¹ (x non-zero). */
    abstract void invert(int[] x, int[] z);
}
