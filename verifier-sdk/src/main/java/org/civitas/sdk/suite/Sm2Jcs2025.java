package org.civitas.sdk.suite;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.civitas.sdk.key.KeyType;

/**
 * The {@code sm2-jcs-2025} cryptosuite, Civitas' suite for the national algorithms (specified in
 * {@code docs/cryptosuites/sm2-jcs-2025.md}): the structure of {@code eddsa-jcs-2022} with SM3 (GB/T 32905) in
 * place of SHA-256 and an SM2 signature (GB/T 32918.2, SM3, the GM/T 0009 default user id) in place of Ed25519:
 * {@code hashData = SM3(JCS(proof config)) ‖ SM3(JCS(document))}, signed as {@code r ‖ s} (64 bytes) and encoded
 * base58btc. SM2 signatures are randomised. Immutable and thread-safe.
 */
public final class Sm2Jcs2025 extends JcsCryptosuite {

    /** The suite identifier. */
    public static final String NAME = "sm2-jcs-2025";

    /** The suite; it has no settings. */
    public Sm2Jcs2025() { super(NAME, KeyType.SM2); }

    /** SM3 (sm2-jcs-2025 §3.4 "Hashing", GB/T 32905-2016). */
    @Override
    public byte[] digest(byte[] data) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(data, 0, data.length);
        byte[] hash = new byte[sm3.getDigestSize()];
        sm3.doFinal(hash, 0);
        return hash;
    }
}
