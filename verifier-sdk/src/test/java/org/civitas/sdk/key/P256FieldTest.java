package org.civitas.sdk.key;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class P256FieldTest {

    private static final BigInteger P = P256Field.PRIME;

    /** Values at the edges (0, 1, p − 1, 2^256 − p's neighbours, all-ones limbs) and random ones, each below p. */
    private static List<BigInteger> values() {
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(255),
            BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(208),
            BigInteger.ONE.shiftLeft(256).subtract(P)));
        Random random = new Random(20261205L);
        for (int i = 0; i < 300; i++) values.add(new BigInteger(256, random).mod(P));
        return values;
    }

    @Test
    void arithmetic_agreesWithBigIntegerModP() {
        List<BigInteger> values = values();
        long[] z = new long[P256Field.LIMBS];
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i), b = values.get(values.size() - 1 - i);
            long[] x = P256Field.of(a), y = P256Field.of(b);
            String operands = "a=" + a.toString(16) + " b=" + b.toString(16);

            P256Field.multiply(x, y, z);
            assertEquals(a.multiply(b).mod(P), P256Field.toBigInteger(z), "multiply " + operands);
            P256Field.square(x, z);
            assertEquals(a.multiply(a).mod(P), P256Field.toBigInteger(z), "square " + operands);
            P256Field.add(x, y, z);
            assertEquals(a.add(b).mod(P), P256Field.toBigInteger(z), "add " + operands);
            P256Field.subtract(x, y, z);
            assertEquals(a.subtract(b).mod(P), P256Field.toBigInteger(z), "subtract " + operands);
            P256Field.negate(x, z);
            assertEquals(a.negate().mod(P), P256Field.toBigInteger(z), "negate " + operands);
            assertEquals(a.signum() == 0, P256Field.isZero(x), "isZero " + operands);
            if (a.signum() != 0) {
                P256Field.invert(x, z);
                assertEquals(a.modInverse(P), P256Field.toBigInteger(z), "invert " + operands);
            }
        }
    }

    @Test
    void productsOfUncarriedSumsAndDifferences_agreeWithBigInteger() {
        // the largest inputs these allow: every third x is 2p − 2, the largest value below 2p of its residue
        long[] high = new long[P256Field.LIMBS];
        P256Field.add(P256Field.of(P.subtract(BigInteger.ONE)), P256Field.of(P.subtract(BigInteger.ONE)), high);
        List<BigInteger> values = values();
        long[] sum = new long[P256Field.LIMBS], difference = new long[P256Field.LIMBS], z = new long[P256Field.LIMBS];
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i), b = values.get(values.size() - 1 - i);
            long[] x = i % 3 == 0 ? high : P256Field.of(a), y = P256Field.of(b);
            if (i % 3 == 0) a = P256Field.toBigInteger(high);

            P256Field.addForProduct(x, x, sum);
            P256Field.subtractForProduct(y, x, difference);
            P256Field.multiply(sum, difference, z);
            assertEquals(a.add(a).multiply(b.subtract(a)).mod(P), P256Field.toBigInteger(z), "a=" + a.toString(16));
            P256Field.square(sum, z);
            assertEquals(a.add(a).pow(2).mod(P), P256Field.toBigInteger(z));
            P256Field.square(difference, z);
            assertEquals(b.subtract(a).pow(2).mod(P), P256Field.toBigInteger(z));
        }
    }

    @Test
    void chainedOperations_stayBelowTwoPWithLimbsOf52Bits() {
        // results feed results, as in a point multiplication: the bound 1.25p of a product must hold on its own
        Random random = new Random(7);
        long[] x = P256Field.of(P.subtract(BigInteger.ONE)), y = P256Field.of(new BigInteger(256, random).mod(P));
        BigInteger a = P.subtract(BigInteger.ONE), b = P256Field.toBigInteger(y);
        for (int i = 0; i < 20_000; i++) {
            switch (i % 4) {
                case 0: P256Field.multiply(x, y, x); a = a.multiply(b).mod(P); break;
                case 1: P256Field.add(x, x, x); a = a.add(a).mod(P); break;
                case 2: P256Field.subtract(y, x, y); b = b.subtract(a).mod(P); break;
                default: P256Field.square(y, y); b = b.multiply(b).mod(P); break;
            }
            for (long[] v : new long[][] {x, y}) {
                for (int limb = 0; limb < 4; limb++) assertTrue(v[limb] >= 0 && v[limb] < (1L << 52), "limb " + limb);
                BigInteger raw = BigInteger.ZERO;
                for (int limb = 4; limb >= 0; limb--) raw = raw.shiftLeft(52).add(BigInteger.valueOf(v[limb]));
                assertTrue(raw.compareTo(P.shiftLeft(1)) < 0, "below 2p at step " + i);
            }
        }
        assertEquals(a, P256Field.toBigInteger(x));
        assertEquals(b, P256Field.toBigInteger(y));
    }

    @Test
    void fromBytes_readsBigEndianLikeOf() {
        for (BigInteger value : values()) {
            byte[] bytes = VerificationKey.unsigned32(value);
            byte[] padded = new byte[40];
            System.arraycopy(bytes, 0, padded, 5, 32);
            assertArrayEquals(P256Field.of(value), P256Field.fromBytes(padded, 5), value.toString(16));
        }
    }

    @Test
    void sqrt_findsARootOfEverySquareAndRefusesNonSquares() {
        long[] root = new long[P256Field.LIMBS];
        int nonSquares = 0;
        for (BigInteger value : values()) {
            boolean square = value.signum() == 0 || value.modPow(P.shiftRight(1), P).equals(BigInteger.ONE);
            assertEquals(square, P256Field.sqrt(P256Field.of(value), root), value.toString(16));
            if (square) assertEquals(value, P256Field.toBigInteger(root).modPow(BigInteger.TWO, P));
            else nonSquares++;
        }
        assertTrue(nonSquares > 100, "the random values should hold non-squares too");
        assertFalse(P256Field.sqrt(P256Field.of(P.subtract(BigInteger.ONE)), root), "−1 is not a square mod p ≡ 3 mod 4");
    }
}
