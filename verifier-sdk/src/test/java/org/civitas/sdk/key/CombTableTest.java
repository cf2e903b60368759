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
import static org.junit.jupiter.api.Assertions.assertTrue;

class CombTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"P256", "SM2"})
    void sumOfTwoMultiplies_matchesBouncyCastlesScalarMultiplication(String curveName) {
        ECDomainParameters domain = curveName.equals("SM2") ? Curves.SM2 : Curves.P256;
        BigInteger n = domain.getN();
        Random random = new Random(20261203L);
        ECPoint q = domain.getG().multiply(new BigInteger(255, random).mod(n)).normalize();
        CombTable g = CombTable.of(domain.getG());
        CombTable key = CombTable.of(q);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            n.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)));
        for (int i = 0; i < 40; i++) scalars.add(new BigInteger(256, random).mod(n));

        for (int i = 0; i < scalars.size(); i++) {
            BigInteger a = scalars.get(i);
            BigInteger b = scalars.get(scalars.size() - 1 - i);
            ECPoint expected = domain.getG().multiply(a).add(q.multiply(b)).normalize();

            ECPoint actual = g.sumOfTwoMultiplies(a, key, b).normalize();

            assertEquals(expected, actual, "a=" + a.toString(16) + " b=" + b.toString(16));
        }
        assertTrue(g.sumOfTwoMultiplies(n.subtract(BigInteger.ONE), g, BigInteger.ONE).normalize().isInfinity());
    }
}
