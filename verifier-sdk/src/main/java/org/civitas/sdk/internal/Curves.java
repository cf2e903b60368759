package org.civitas.sdk.internal;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * Elliptic-curve domains, built once. They come from {@link CustomNamedCurves}, whose curve classes use fast
 * field arithmetic: the generic {@code ECNamedCurveTable}/{@code GMNamedCurves} domains run about six times
 * slower. Fixed-point precomputation is cached on each generator, so the domains must be shared, not rebuilt.
 */
public final class Curves {

    public static final ECDomainParameters P256 = domain("secp256r1");
    public static final ECDomainParameters SM2 = domain("sm2p256v1");

    private Curves() { }

    private static ECDomainParameters domain(String name) {
        X9ECParameters curve = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
    }
}
