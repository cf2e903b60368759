package org.civitas.sdk.key;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.civitas.sdk.internal.Curves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void xReducedModOrder_onSm2ThroughCombTables_findsAnXAtOrAboveTheOrderAndAZeroResidue() {
        // SM2 asks x1 mod n = (r − e) mod n, which may be 0; an x in [n, p) reduces to x − n
        ECCurve curve = Curves.SM2.getCurve();
        BigInteger n = Curves.SM2.getN(), p = Field52.SM2.prime;
        ECPoint atN = null, aboveN = null;
        for (BigInteger x = n; aboveN == null; x = x.add(BigInteger.ONE)) {
            BigInteger rhs = x.pow(3).add(curve.getA().toBigInteger().multiply(x)).add(curve.getB().toBigInteger()).mod(p);
            BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            if (!y.modPow(BigInteger.TWO, p).equals(rhs)) continue;
            if (x.equals(n)) atN = curve.createPoint(x, y);
            else aboveN = curve.createPoint(x, y);
        }
        CombTable g = CombTable.of(Field52.SM2, Curves.SM2.getG());
        CombTable key = CombTable.of(Field52.SM2, aboveN);
        BigInteger c = aboveN.getAffineXCoord().toBigInteger().subtract(n);

        assertTrue(g.sum(BigInteger.ZERO, key, BigInteger.ONE).xReducedModOrderIs(c, n));
        assertFalse(g.sum(BigInteger.ZERO, key, BigInteger.ONE).xReducedModOrderIs(c.add(BigInteger.ONE), n));
        if (atN != null) {                                                      // x = n itself: a residue of 0
            CombTable zeroResidue = CombTable.of(Field52.SM2, atN);
            assertTrue(g.sum(BigInteger.ZERO, zeroResidue, BigInteger.ONE).xReducedModOrderIs(BigInteger.ZERO, n));
        }
        BigInteger x2G = Curves.SM2.getG().multiply(BigInteger.TWO).normalize().getAffineXCoord().toBigInteger();
        assertFalse(g.sum(BigInteger.ONE, g, BigInteger.ONE).xReducedModOrderIs(BigInteger.ZERO, n));
        assertTrue(g.sum(BigInteger.ONE, g, BigInteger.ONE).xReducedModOrderIs(x2G.mod(n), n));
    }
}
