package org.civitas.sdk.suite;

import org.civitas.sdk.key.KeyType;

import java.util.Objects;

/**
 * The {@code eddsa-rdfc-2022} cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0 §3.2): RDFC-1.0 canonical
 * N-Quads, SHA-256, Ed25519 (RFC 8032, pure). Contexts come only from the given {@link JsonLdContexts}. Immutable
 * and thread-safe.
 */
public final class EddsaRdfc2022 extends RdfcCryptosuite {

    /** The suite identifier. */
    public static final String NAME = "eddsa-rdfc-2022";

    /** The suite with the SDK's bundled contexts. */
    public EddsaRdfc2022() { super(NAME, KeyType.ED25519, JsonLdContexts::bundled); }

    /** The suite with these contexts (the bundled ones plus any a deployment approves). */
    public EddsaRdfc2022(JsonLdContexts contexts) {
        super(NAME, KeyType.ED25519, () -> contexts);
        Objects.requireNonNull(contexts, "contexts");
    }
}
