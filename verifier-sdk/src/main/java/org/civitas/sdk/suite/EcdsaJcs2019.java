package org.civitas.sdk.suite;

import org.civitas.sdk.key.KeyType;

/**
 * The {@code ecdsa-jcs-2019} cryptosuite (W3C Data Integrity ECDSA Cryptosuites v1.0 §3.3) for P-256 keys only:
 * RFC 8785 canonical JSON, SHA-256, ECDSA P-256 with SHA-256 over the 64-byte
 * {@code SHA-256(proof config) ‖ SHA-256(document)}, the signature as the 64-byte {@code r ‖ s} (IEEE P1363).
 * P-384 is not supported. Immutable and thread-safe.
 */
public final class EcdsaJcs2019 extends JcsCryptosuite {

    /** The suite identifier. */
    public static final String NAME = "ecdsa-jcs-2019";

    /** The suite; it has no settings. */
    public EcdsaJcs2019() { super(NAME, KeyType.P256); }

    /** SHA-256, the hash for P-256 (vc-di-ecdsa §3.3.4). */
    @Override
    public byte[] digest(byte[] data) { return RdfcCryptosuite.sha256(data); }
}
