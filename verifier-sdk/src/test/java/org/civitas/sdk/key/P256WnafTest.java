package org.civitas.sdk.key;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.civitas.sdk.internal.Curves;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class P256WnafTest {

    private static final ECPoint G = Curves.P256.getG();
    private static final BigInteger N = Curves.P256.getN();

    @Test
    void wnaf_isAWidthWNafOfTheScalar() {
        Random random = new Random(5);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, N.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(255)));
        for (int i = 0; i < 200; i++) scalars.add(new BigInteger(256, random));
        for (int width : new int[] {2, 5, 8, 10}) {
            for (BigInteger k : scalars) {
                short[] digits = P256Wnaf.wnaf(k, width);
                BigInteger sum = BigInteger.ZERO;
                int lastNonZero = -width;
                for (int i = 0; i < digits.length; i++) {
                    int d = digits[i];
                    if (d == 0) continue;
                    assertTrue((d & 1) == 1 && Math.abs(d) < (1 << (width - 1)), "digit " + d + " of " + k.toString(16));
                    assertTrue(i - lastNonZero >= width, "two non-zero digits closer than " + width);
                    lastNonZero = i;
                    sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
                }
                assertEquals(k, sum, "width " + width);
            }
        }
    }

    @Test
    void wnaf_refusesWidthsOutsideTwoToTenAndScalarsOutside256Bits() {
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.wnaf(BigInteger.ONE, 11));
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.wnaf(BigInteger.ONE, 1));
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.wnaf(BigInteger.ONE.negate(), 5));
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.wnaf(BigInteger.ONE.shiftLeft(256), 5));
    }

    @Test
    void sumOfTwoMultiplies_matchesBouncyCastlesScalarMultiplication() {
        Random random = new Random(20261205L);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            N.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)));
        for (int i = 0; i < 60; i++) scalars.add(new BigInteger(256, random).mod(N));
        for (int keys = 0; keys < 4; keys++) {
            ECPoint q = G.multiply(new BigInteger(256, random).mod(N)).normalize();
            for (int i = 0; i < scalars.size(); i++) {
                BigInteger a = scalars.get(i), b = scalars.get((i * 7 + keys) % scalars.size());
                ECPoint expected = G.multiply(a).add(q.multiply(b)).normalize();

                BigInteger actual = P256Wnaf.sum(a, q, b).affineX();

                if (expected.isInfinity()) assertNull(actual);
                else assertEquals(expected.getAffineXCoord().toBigInteger(), actual, "a=" + a.toString(16) + " b=" + b.toString(16));
            }
        }
    }

    @Test
    void sumOfTwoMultiplies_whenTheSumMeetsItselfOrItsNegation_doublesOrReachesInfinity() {
        ECPoint g = G.normalize();
        assertNull(P256Wnaf.sum(N.subtract(BigInteger.ONE), g, BigInteger.ONE).affineX());   // (n-1)G + G = O
        assertNull(P256Wnaf.sum(BigInteger.ZERO, g, BigInteger.ZERO).affineX());
        assertEquals(xOf(G.multiply(BigInteger.TWO)), P256Wnaf.sum(BigInteger.ONE, g, BigInteger.ONE).affineX());
        BigInteger k = BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(12345));
        assertEquals(xOf(G.multiply(k.shiftLeft(1))), P256Wnaf.sum(k, g, k).affineX());   // the partial sums meet at bit 200
        assertNull(P256Wnaf.sum(k, g, N.subtract(k)).affineX());
        ECPoint q = G.multiply(BigInteger.valueOf(3)).normalize();
        assertEquals(xOf(G.multiply(BigInteger.valueOf(6 + 5))), P256Wnaf.sum(BigInteger.valueOf(5), q, BigInteger.TWO).affineX());
        assertNull(P256Wnaf.sum(BigInteger.valueOf(3), q, N.subtract(BigInteger.ONE)).affineX());
        // Q = ((n+1)/2)·G, so 2·Q = G: the sum meets G's table point in the mixed addition, which doubles
        ECPoint half = G.multiply(N.add(BigInteger.ONE).shiftRight(1)).normalize();
        assertEquals(xOf(G.multiply(BigInteger.TWO)), P256Wnaf.sum(BigInteger.ONE, half, BigInteger.TWO).affineX());
        // Q = −G: the sum is infinity after bit 200 and starts again from the digits below it
        ECPoint minusG = G.negate().normalize();
        BigInteger k2 = BigInteger.ONE.shiftLeft(200).add(BigInteger.valueOf(7));
        assertEquals(xOf(G.multiply(BigInteger.valueOf(12345 - 7))), P256Wnaf.sum(k, minusG, k2).affineX());
    }

    @Test
    void xReducedModOrder_acceptsRAndNothingElse() {
        Random random = new Random(11);
        ECPoint q = G.multiply(new BigInteger(256, random).mod(N)).normalize();
        for (int i = 0; i < 20; i++) {
            BigInteger a = new BigInteger(256, random).mod(N), b = new BigInteger(256, random).mod(N);
            BigInteger r = xOf(G.multiply(a).add(q.multiply(b))).mod(N);
            assertTrue(P256Wnaf.sum(a, q, b).xReducedModOrderIs(r, N));
            assertFalse(P256Wnaf.sum(a, q, b).xReducedModOrderIs(r.add(BigInteger.ONE).mod(N), N));
        }
        assertFalse(P256Wnaf.sum(N.subtract(BigInteger.ONE), G.normalize(), BigInteger.ONE).xReducedModOrderIs(BigInteger.ZERO, N));
    }

    @Test
    void xReducedModOrder_findsAnXAtOrAboveTheOrder() {
        // a point whose x is in [n, p): its r is x − n, and only the second candidate x = r + n matches
        ECCurve curve = Curves.P256.getCurve();
        ECPoint q = null;
        for (BigInteger x = N; q == null; x = x.add(BigInteger.ONE)) {
            BigInteger rhs = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(curve.getB().toBigInteger()).mod(Field52.P256.prime);
            BigInteger y = rhs.modPow(Field52.P256.prime.add(BigInteger.ONE).shiftRight(2), Field52.P256.prime);
            if (y.modPow(BigInteger.TWO, Field52.P256.prime).equals(rhs)) q = curve.createPoint(x, y);
        }
        assertTrue(q.isValid());
        BigInteger r = q.getAffineXCoord().toBigInteger().subtract(N);

        assertTrue(P256Wnaf.sum(BigInteger.ZERO, q, BigInteger.ONE).xReducedModOrderIs(r, N));
        assertFalse(P256Wnaf.sum(BigInteger.ZERO, q, BigInteger.ONE).xReducedModOrderIs(r.add(BigInteger.ONE), N));
        // the same point reached with Z ≠ 1: b·(b⁻¹·q)
        BigInteger b = new BigInteger("123456789abcdef123456789abcdef", 16);
        ECPoint scaled = q.multiply(b.modInverse(N)).normalize();
        assertTrue(P256Wnaf.sum(BigInteger.ZERO, scaled, b).xReducedModOrderIs(r, N));
        assertFalse(P256Wnaf.sum(BigInteger.ZERO, scaled, b).xReducedModOrderIs(r.subtract(BigInteger.ONE), N));
    }

    @Test
    void decodeCompressed_readsWhatBouncyCastleReadsAndRefusesWhatItRefuses() {
        ECCurve curve = Curves.P256.getCurve();
        Random random = new Random(13);
        for (int i = 0; i < 100; i++) {
            ECPoint point = G.multiply(new BigInteger(256, random).mod(N)).normalize();
            byte[] encoded = point.getEncoded(true);

            ECPoint decoded = P256Wnaf.decodeCompressed(curve, encoded);

            assertEquals(point, decoded);
            assertTrue(decoded.isValid());
        }
        byte[] good = G.getEncoded(true);
        byte[] wrongPrefix = good.clone();
        wrongPrefix[0] = 4;
        byte[] xAtP = VerificationKey.unsigned32(Field52.P256.prime);
        byte[] notBelowP = new byte[33];
        notBelowP[0] = 2;
        System.arraycopy(xAtP, 0, notBelowP, 1, 32);
        byte[] noPoint = good.clone();
        for (int tries = 0; ; tries++) {                                   // an x with no y: about every second x
            noPoint[32]++;
            byte[] candidate = noPoint;
            if (assertThrowsBoth(curve, candidate)) break;
            assertTrue(tries < 64);
        }
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.decodeCompressed(curve, wrongPrefix));
        assertThrows(IllegalArgumentException.class, () -> P256Wnaf.decodeCompressed(curve, notBelowP));
        assertThrows(IllegalArgumentException.class, () -> curve.decodePoint(notBelowP));
    }

    /** Whether both BouncyCastle and the fast decoding refuse the encoding; fails when only one of them does. */
    private static boolean assertThrowsBoth(ECCurve curve, byte[] encoded) {
        boolean ours = false, theirs = false;
        try { P256Wnaf.decodeCompressed(curve, encoded); } catch (IllegalArgumentException e) { ours = true; }
        try { curve.decodePoint(encoded); } catch (IllegalArgumentException e) { theirs = true; }
        assertEquals(theirs, ours, "BouncyCastle and the fast decoding disagree");
        return ours;
    }

    private static BigInteger xOf(ECPoint point) { return point.normalize().getAffineXCoord().toBigInteger(); }
}
