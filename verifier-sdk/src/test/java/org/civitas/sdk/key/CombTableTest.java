package org.civitas.sdk.key;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.civitas.sdk.internal.Curves;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CombTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"P256", "SM2"})
    void sumOfTwoMultiplies_matchesBouncyCastlesScalarMultiplication(String curveName) {
        ECDomainParameters domain = curveName.equals("SM2") ? Curves.SM2 : Curves.P256;
        BigInteger n = domain.getN();
        Random random = new Random(20261203L);
        ECPoint q = domain.getG().multiply(new BigInteger(255, random).mod(n)).normalize();
        Field52 field = curveName.equals("SM2") ? Field52.SM2 : Field52.P256;
        CombTable g = CombTable.of(field, domain.getG());
        CombTable key = CombTable.of(field, q);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            n.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)));
        for (int i = 0; i < 40; i++) scalars.add(new BigInteger(256, random).mod(n));

        for (int i = 0; i < scalars.size(); i++) {
            BigInteger a = scalars.get(i);
            BigInteger b = scalars.get(scalars.size() - 1 - i);
            ECPoint expected = domain.getG().multiply(a).add(q.multiply(b)).normalize();

            BigInteger actual = g.sum(a, key, b).affineX();

            assertEquals(expected.getAffineXCoord().toBigInteger(), actual, "a=" + a.toString(16) + " b=" + b.toString(16));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"P256", "SM2"})
    void sumOfTwoMultiplies_whenTheSumMeetsItselfOrItsNegation_doublesOrReachesInfinity(String curveName) {
        ECDomainParameters domain = curveName.equals("SM2") ? Curves.SM2 : Curves.P256;
        Field52 field = curveName.equals("SM2") ? Field52.SM2 : Field52.P256;
        BigInteger n = domain.getN();
        CombTable g = CombTable.of(field, domain.getG());

        assertNull(g.sum(n.subtract(BigInteger.ONE), g, BigInteger.ONE).affineX());   // (n-1)G + G = O
        assertNull(g.sum(BigInteger.ZERO, g, BigInteger.ZERO).affineX());
        assertEquals(domain.getG().multiply(BigInteger.TWO).normalize().getAffineXCoord().toBigInteger(),
            g.sum(BigInteger.ONE, g, BigInteger.ONE).affineX());                   // G + G, in the last step
        BigInteger k = BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(12345));
        assertEquals(domain.getG().multiply(k.shiftLeft(1)).normalize().getAffineXCoord().toBigInteger(),
            g.sum(k, g, k).affineX());                                             // equal partial sums at every step
        assertNull(g.sum(k, g, n.subtract(k)).affineX());
    }
}
