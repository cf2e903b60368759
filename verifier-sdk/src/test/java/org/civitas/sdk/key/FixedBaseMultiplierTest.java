package org.civitas.sdk.key;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedBaseMultiplierTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "SM2"})
    void multiply_randomAndEdgeScalars_matchesBouncyCastlesMultiplication(KeyType type) {
        ECDomainParameters domain = VerificationKey.domain(type);
        FixedBaseMultiplier multiplier = FixedBaseMultiplier.of(type);

        for (BigInteger k : scalars(domain.getN())) {
            ECPoint expected = domain.getG().multiply(k).normalize();

            ECPoint actual = multiplier.multiply(k);

            assertArrayEquals(expected.getEncoded(false), actual.getEncoded(false), "k=" + k.toString(16));
            assertEquals(expected.getAffineXCoord().toBigInteger(), multiplier.affineX(k), "k=" + k.toString(16));
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "SM2"})
    void recode_randomAndEdgeScalars_giveDigitsInRangeThatSumBackToTheScalar(KeyType type) {
        for (BigInteger k : scalars(VerificationKey.domain(type).getN())) {
            int[] digits = FixedBaseMultiplier.recode(Nat256.fromBigInteger(k));

            assertEquals(FixedBaseMultiplier.WINDOWS, digits.length);
            BigInteger sum = BigInteger.ZERO;
            for (int i = digits.length - 1; i >= 0; i--) {
                assertTrue(digits[i] >= -31 && digits[i] <= 32, "digit " + i + " of " + k.toString(16));
                sum = sum.shiftLeft(FixedBaseMultiplier.WINDOW_BITS).add(BigInteger.valueOf(digits[i]));
            }
            assertEquals(k, sum);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "SM2"})
    void multiply_scalarOutsideOneToNMinusOne_isRejected(KeyType type) {
        BigInteger n = VerificationKey.domain(type).getN();
        FixedBaseMultiplier multiplier = FixedBaseMultiplier.of(type);

        assertThrows(IllegalArgumentException.class, () -> multiplier.multiply(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> multiplier.affineX(n));
        assertThrows(IllegalArgumentException.class, () -> multiplier.affineX(BigInteger.ONE.negate()));
    }

    /**
     * Small scalars and scalars near n; powers of two (every window but one zero, so most additions are dropped);
     * scalars whose every window is 31, 32 (the largest digit, no carry), 33 or 63 (a carry out of every window, and
     * 2^252 − 1, whose digits are all zero but the first and last); and random ones.
     */
    private static List<BigInteger> scalars(BigInteger n) {
        List<BigInteger> scalars = new ArrayList<>();
        for (long k : new long[] {1, 2, 3, 31, 32, 33, 63, 64, 65, 32 * 64, 33 * 64 + 33}) {
            scalars.add(BigInteger.valueOf(k));
        }
        for (long below : new long[] {1, 2, 31, 32, 33, 64}) scalars.add(n.subtract(BigInteger.valueOf(below)));
        for (int bit : new int[] {5, 6, 100, 251, 252, 255}) scalars.add(BigInteger.ONE.shiftLeft(bit));
        scalars.add(BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE));
        for (int window : new int[] {31, 32, 33, 63}) {
            BigInteger k = BigInteger.ZERO;
            for (int i = 0; i < FixedBaseMultiplier.WINDOWS - 1; i++) {
                k = k.shiftLeft(FixedBaseMultiplier.WINDOW_BITS).add(BigInteger.valueOf(window));
            }
            scalars.add(k);
            BigInteger withTop = k.add(BigInteger.valueOf(15).shiftLeft(252));
            if (withTop.compareTo(n) < 0) scalars.add(withTop);
        }
        Random random = new Random(20261204L);
        while (scalars.size() < 120) {
            BigInteger k = new BigInteger(256, random).mod(n);
            if (k.signum() > 0) scalars.add(k);
        }
        return scalars;
    }
}
