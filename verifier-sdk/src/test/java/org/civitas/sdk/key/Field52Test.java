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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void productsOfTheLargestInputs_agreeWithBigIntegerAndStayBelowTwoP(Field52 field) {
        BigInteger p = field.prime;
        long m = (1L << 52) - 1;
        // the largest carried values below 2p: 2p − 1, and limbs 0-3 all ones under the largest top limb that fits
        long[] twoPMinusOne = raw(p.shiftLeft(1).subtract(BigInteger.ONE));
        long[] allOnes = {m, m, m, m, p.shiftLeft(1).shiftRight(208).longValueExact() - 1};
        long[] zero = new long[Field52.LIMBS];
        List<long[]> inputs = new ArrayList<>();
        for (long[] largest : new long[][] {twoPMinusOne, allOnes}) {
            long[] sum = new long[Field52.LIMBS], difference = new long[Field52.LIMBS];
            field.addForProduct(largest, largest, sum);                    // just below 4p, limbs up to 2^53
            field.subtractForProduct(zero, largest, difference);           // the most negative limbs
            inputs.add(largest);
            inputs.add(sum);
            inputs.add(difference);
        }
        assertTrue(field.isZero(raw(p)), "p's own limbs are 0 mod p");
        assertFalse(field.isZero(raw(p.add(BigInteger.ONE))));
        assertFalse(field.isZero(raw(p.subtract(BigInteger.ONE))));
        BigInteger rInverse = BigInteger.ONE.shiftLeft(260).modInverse(p);
        long[] z = new long[Field52.LIMBS];
        for (long[] x : inputs) {
            for (long[] y : inputs) {
                field.multiply(x, y, z);
                assertEquals(value(x).multiply(value(y)).multiply(rInverse).mod(p), value(z).mod(p));
                assertCarriedBelowTwoP(p, z);
            }
            field.square(x, z);
            assertEquals(value(x).pow(2).multiply(rInverse).mod(p), value(z).mod(p));
            assertCarriedBelowTwoP(p, z);
        }
    }

    private static void assertCarriedBelowTwoP(BigInteger p, long[] z) {
        for (int limb = 0; limb < 4; limb++) assertTrue(z[limb] >= 0 && z[limb] < (1L << 52), "limb " + limb);
        assertTrue(z[4] >= 0 && value(z).compareTo(p.shiftLeft(1)) < 0, "below 2p");
    }

    /** The limbs of x, carried, as the field keeps them (not in Montgomery form). */
    private static long[] raw(BigInteger x) {
        long[] limbs = new long[Field52.LIMBS];
        for (int i = 0; i < Field52.LIMBS; i++) limbs[i] = x.shiftRight(52 * i).longValue() & ((1L << 52) - 1);
        return limbs;
    }

    /** Σ limb·2^(52·i), limbs of any sign. */
    private static BigInteger value(long[] limbs) {
        BigInteger value = BigInteger.ZERO;
        for (int i = Field52.LIMBS - 1; i >= 0; i--) value = value.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
        return value;
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void sumsDifferencesAndMultiplesPast2To256_foldBackBelowTwoP(Field52 field) {
        BigInteger p = field.prime, twoP = p.shiftLeft(1);
        Random random = new Random(11);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
            p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(256),
            twoP.subtract(BigInteger.ONE)));
        for (int i = 0; i < 200; i++) values.add(new BigInteger(257, random).mod(twoP));
        long[] z = new long[Field52.LIMBS], folded = new long[Field52.LIMBS];
        for (BigInteger x : values) {
            for (BigInteger y : values) {
                field.add(raw(x), raw(y), z);
                assertEquals(x.add(y).mod(p), value(z).mod(p));
                assertReducedBelowTwoP(p, z, x + " + " + y);
                field.add(z, z, folded);                                  // folded limbs in again
                assertEquals(x.add(y).shiftLeft(1).mod(p), value(folded).mod(p));
                assertReducedBelowTwoP(p, folded, "twice " + x + " + " + y);
                field.subtract(folded, raw(x), raw(y), z);                   // a folded value less two others
                assertEquals(x.add(y).shiftLeft(1).subtract(x).subtract(y).mod(p), value(z).mod(p));
                assertReducedBelowTwoP(p, z, "2(" + x + " + " + y + ") − both");
                field.subtract(raw(x), raw(y), z);
                assertEquals(x.subtract(y).mod(p), value(z).mod(p));
                assertReducedBelowTwoP(p, z, x + " − " + y);
                assertEquals(x.subtract(y).mod(p).signum() == 0, field.isZero(z), "isZero of " + x + " − " + y);
            }
            for (int k = 1; k <= 8; k++) {
                field.times(raw(x), k, z);
                assertEquals(x.multiply(BigInteger.valueOf(k)).mod(p), value(z).mod(p), k + "·" + x);
                assertReducedBelowTwoP(p, z, k + "·" + x);
                field.times(z, 8, folded);                                // folded limbs times the most
                assertEquals(x.multiply(BigInteger.valueOf(8L * k)).mod(p), value(folded).mod(p));
                assertReducedBelowTwoP(p, folded, "8·" + k + "·" + x);
            }
            field.subtract(raw(x), raw(twoP.subtract(BigInteger.ONE)), raw(twoP.subtract(BigInteger.ONE)), z);
            assertEquals(x.subtract(twoP.subtract(BigInteger.ONE).shiftLeft(1)).mod(p), value(z).mod(p));
            assertReducedBelowTwoP(p, z, x + " − 2(2p − 1)");
            field.negate(raw(x), z);
            assertEquals(x.negate().mod(p), value(z).mod(p));
            assertEquals(x.mod(p).signum() == 0, field.isZero(z), "isZero of −" + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void times_refusesMultiplesOutsideOneToEight(Field52 field) {
        long[] x = field.one(), z = new long[Field52.LIMBS];
        assertThrows(IllegalArgumentException.class, () -> field.times(x, 0, z));
        assertThrows(IllegalArgumentException.class, () -> field.times(x, 9, z));
    }

    /** Below 2p and at least 0, with limbs at most 15·2^44 outside [0, 2^52) (what a reduction promises). */
    private static void assertReducedBelowTwoP(BigInteger p, long[] v, String what) {
        long slack = 15L << 44;
        for (long limb : v) assertTrue(limb >= -slack && limb < (1L << 52) + slack, "a limb far from 52 bits " + what);
        assertTrue(value(v).signum() >= 0 && value(v).compareTo(p.shiftLeft(1)) < 0, "in [0, 2p) " + what);
    }

    @ParameterizedTest
    @EnumSource(Field52.class)
    void chainedOperations_stayBelowTwoPWithLimbsCloseTo52Bits(Field52 field) {
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
            for (long[] v : new long[][] {x, y}) assertReducedBelowTwoP(p, v, "at step " + i);
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
