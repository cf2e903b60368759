package org.civitas.sdk.suite;

import org.civitas.sdk.key.KeyType;

import java.util.Objects;

/**
 * The {@code ecdsa-rdfc-2019} cryptosuite (W3C Data Integrity ECDSA Cryptosuites v1.0 §3.2) for P-256 keys only:
 * RDFC-1.0 canonical N-Quads, SHA-256, ECDSA P-256 with SHA-256 over the 64-byte hash data, the signature as the
 * 64-byte {@code r ‖ s} (IEEE P1363). P-384 (SHA-384, 96-byte signatures) is not supported: such proofs fail to
 * verify with a reason saying so. Immutable and thread-safe.
 */
public final class EcdsaRdfc2019 extends RdfcCryptosuite {

    /** The suite identifier. */
    public static final String NAME = "ecdsa-rdfc-2019";

    /** The suite with the SDK's bundled contexts. */
    public EcdsaRdfc2019() { super(NAME, KeyType.P256, JsonLdContexts::bundled); }

    /** The suite with these contexts (the bundled ones plus any a deployment approves). */
    public EcdsaRdfc2019(JsonLdContexts contexts) {
        super(NAME, KeyType.P256, () -> contexts);
        Objects.requireNonNull(contexts, "contexts");
    }
}
