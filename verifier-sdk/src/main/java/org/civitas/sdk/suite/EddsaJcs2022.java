package org.civitas.sdk.suite;

import org.civitas.sdk.key.KeyType;

/**
 * The {@code eddsa-jcs-2022} cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0 §3.3): RFC 8785 canonical
 * JSON, SHA-256, Ed25519 (RFC 8032, pure) over {@code SHA-256(proof config) ‖ SHA-256(document)}. Immutable and
 * thread-safe.
 */
public final class EddsaJcs2022 extends JcsCryptosuite {

    /** The suite identifier. */
    public static final String NAME = "eddsa-jcs-2022";

    /** The suite; it has no settings. */
    public EddsaJcs2022() { super(NAME, KeyType.ED25519); }

    /** SHA-256 (vc-di-eddsa §3.3.4 steps 1-2). */
    @Override
    public byte[] digest(byte[] data) { return RdfcCryptosuite.sha256(data); }
}
