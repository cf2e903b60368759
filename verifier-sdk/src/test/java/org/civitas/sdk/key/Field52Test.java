package org.civitas.sdk.key;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Field52Test {

    /** Values at the edges (0, 1, p − 1, 2^256 − p's neighbours, all-ones limbs) and random ones, each below p. */
    private static List<BigInteger> values(BigInteger p) {
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(255),
            BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(208),
            BigInteger.ONE.shiftLeft(256).subtract(p)));
        Random random = new Random(20261205L);
        for (int i = 0; i < 300; i++) values.add(new BigInteger(256, random).mod(p));
        return values;
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void arithmetic_agreesWithBigIntegerModP(Field52 field) {
        BigInteger p = field.prime;
        List<BigInteger> values = values(p);
        long[] z = new long[Field52.LIMBS];
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i), b = values.get(values.size() - 1 - i);
            long[] x = field.of(a), y = field.of(b);
            String operands = "a=" + a.toString(16) + " b=" + b.toString(16);

            field.multiply(x, y, z);
            assertEquals(a.multiply(b).mod(p), field.toBigInteger(z), "multiply " + operands);
            field.square(x, z);
            assertEquals(a.multiply(a).mod(p), field.toBigInteger(z), "square " + operands);
            field.add(x, y, z);
            assertEquals(a.add(b).mod(p), field.toBigInteger(z), "add " + operands);
            field.subtract(x, y, z);
            assertEquals(a.subtract(b).mod(p), field.toBigInteger(z), "subtract " + operands);
            field.negate(x, z);
            assertEquals(a.negate().mod(p), field.toBigInteger(z), "negate " + operands);
            assertEquals(a.signum() == 0, field.isZero(x), "isZero " + operands);
            if (a.signum() != 0) {
                field.invert(x, z);
                assertEquals(a.modInverse(p), field.toBigInteger(z), "invert " + operands);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void productsOfUncarriedSumsAndDifferences_agreeWithBigInteger(Field52 field) {
        BigInteger p = field.prime;
        // the largest inputs these allow: every third x is 2p − 2, the largest value below 2p of its residue
        long[] high = new long[Field52.LIMBS];
        field.add(field.of(p.subtract(BigInteger.ONE)), field.of(p.subtract(BigInteger.ONE)), high);
        List<BigInteger> values = values(p);
        long[] sum = new long[Field52.LIMBS], difference = new long[Field52.LIMBS], z = new long[Field52.LIMBS];
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i), b = values.get(values.size() - 1 - i);
            long[] x = i % 3 == 0 ? high : field.of(a), y = field.of(b);
            if (i % 3 == 0) a = field.toBigInteger(high);

            field.addForProduct(x, x, sum);
            field.subtractForProduct(y, x, difference);
            field.multiply(sum, difference, z);
            assertEquals(a.add(a).multiply(b.subtract(a)).mod(p), field.toBigInteger(z), "a=" + a.toString(16));
            field.square(sum, z);
            assertEquals(a.add(a).pow(2).mod(p), field.toBigInteger(z));
            field.square(difference, z);
            assertEquals(b.subtract(a).pow(2).mod(p), field.toBigInteger(z));
        }
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void chainedOperations_stayBelowTwoPWithLimbsOf52Bits(Field52 field) {
        BigInteger p = field.prime;
        // results feed results, as in a point multiplication: the bound 1.25p of a product must hold on its own
        Random random = new Random(7);
        long[] x = field.of(p.subtract(BigInteger.ONE)), y = field.of(new BigInteger(256, random).mod(p));
        BigInteger a = p.subtract(BigInteger.ONE), b = field.toBigInteger(y);
        for (int i = 0; i < 20_000; i++) {
            switch (i % 4) {
                case 0: field.multiply(x, y, x); a = a.multiply(b).mod(p); break;
                case 1: field.add(x, x, x); a = a.add(a).mod(p); break;
                case 2: field.subtract(y, x, y); b = b.subtract(a).mod(p); break;
                default: field.square(y, y); b = b.multiply(b).mod(p); break;
            }
            for (long[] v : new long[][] {x, y}) {
                for (int limb = 0; limb < 4; limb++) assertTrue(v[limb] >= 0 && v[limb] < (1L << 52), "limb " + limb);
                BigInteger raw = BigInteger.ZERO;
                for (int limb = 4; limb >= 0; limb--) raw = raw.shiftLeft(52).add(BigInteger.valueOf(v[limb]));
                assertTrue(raw.compareTo(p.shiftLeft(1)) < 0, "below 2p at step " + i);
            }
        }
        assertEquals(a, field.toBigInteger(x));
        assertEquals(b, field.toBigInteger(y));
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void fromBytes_readsBigEndianLikeOf(Field52 field) {
        BigInteger p = field.prime;
        for (BigInteger value : values(p)) {
            byte[] bytes = VerificationKey.unsigned32(value);
            byte[] padded = new byte[40];
            System.arraycopy(bytes, 0, padded, 5, 32);
            assertArrayEquals(field.of(value), field.fromBytes(padded, 5), value.toString(16));
        }
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void sqrt_findsARootOfEverySquareAndRefusesNonSquares(Field52 field) {
        BigInteger p = field.prime;
        long[] root = new long[Field52.LIMBS];
        int nonSquares = 0;
        for (BigInteger value : values(p)) {
            boolean square = value.signum() == 0 || value.modPow(p.shiftRight(1), p).equals(BigInteger.ONE);
            assertEquals(square, field.sqrt(field.of(value), root), value.toString(16));
            if (square) assertEquals(value, field.toBigInteger(root).modPow(BigInteger.TWO, p));
            else nonSquares++;
        }
        assertTrue(nonSquares > 100, "the random values should hold non-squares too");
        assertFalse(field.sqrt(field.of(p.subtract(BigInteger.ONE)), root), "−1 is not a square mod p ≡ 3 mod 4");
    }
}
