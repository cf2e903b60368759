package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The RDFC suites' algorithms (vc-di-eddsa §3.2 "eddsa-rdfc-2022", vc-di-ecdsa §3.2 "ecdsa-rdfc-2019"): the
 * document and the proof configuration are expanded to RDF with the bundled contexts only, canonicalised with
 * RDFC-1.0, hashed with SHA-256 and signed. See {@link RdfCanonicalizer} for the offline and time bounds.
 */
abstract class RdfcCryptosuite extends AbstractCryptosuite {

    private final Supplier<JsonLdContexts> contexts;

    /** @param contexts the contexts, fetched on first use so that JCS-only callers never load the bundled ones */
    RdfcCryptosuite(String name, KeyType keyType, Supplier<JsonLdContexts> contexts) {
        super(name, keyType);
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /** The contexts this suite may use. */
    public final JsonLdContexts contexts() { return contexts.get(); }

    /** Create Proof (vc-di-eddsa §3.2.1, vc-di-ecdsa §3.2.1). */
    @Override
    public final ObjectNode createProof(ObjectNode unsecuredDocument, ObjectNode options, SigningKey key)
            throws TransformationException {
        checkSigning(options, key);
        ObjectNode proof = options.deepCopy();                                          // step 1
        byte[] canonicalProofConfig = configureProof(options, unsecuredDocument);       // step 2
        byte[] transformedData = transform(unsecuredDocument);                          // step 3
        byte[] hashData = hash(transformedData, canonicalProofConfig);                  // step 4
        proof.put("proofValue", Multibase.encodeBase58Btc(serializeProof(hashData, key)));   // steps 5-6
        return proof;
    }

    /** Verify Proof (vc-di-eddsa §3.2.2, vc-di-ecdsa §3.2.2). */
    @Override
    public final boolean verifyProof(ObjectNode unsecuredDocument, ObjectNode proof, VerificationKey key)
            throws TransformationException {
        ObjectNode proofOptions = withoutProofValue(proof);                             // step 2
        byte[] proofBytes = proofBytes(proof);                                          // step 3
        if (proofBytes == null) return false;
        byte[] transformedData = transform(unsecuredDocument);                          // step 4
        byte[] canonicalProofConfig = configureProof(proofOptions, unsecuredDocument);  // step 5
        return verifySignature(hash(transformedData, canonicalProofConfig), proofBytes, key);   // steps 6-7
    }

    /** Transformation (vc-di-eddsa §3.2.3 step 2): RDF, RDFC-1.0, canonical N-Quads. */
    @Override
    public final byte[] transform(ObjectNode unsecuredDocument) throws TransformationException {
        return RdfCanonicalizer.canonicalize(unsecuredDocument, contexts());
    }

    /**
     * Proof Configuration (vc-di-eddsa §3.2.5, vc-di-ecdsa §3.2.5): the options with the document's
     * {@code @context} (step 4), canonicalised (step 5).
     */
    @Override
    public final byte[] configureProof(ObjectNode proofOptions, ObjectNode unsecuredDocument)
            throws TransformationException {
        checkOptions(proofOptions);
        ObjectNode proofConfig = proofOptions.objectNode();
        proofConfig.setAll(proofOptions);
        JsonNode context = unsecuredDocument.get("@context");
        if (context != null) proofConfig.set("@context", context);
        else proofConfig.remove("@context");
        return RdfCanonicalizer.canonicalize(proofConfig, contexts());
    }

    /** SHA-256 (vc-di-eddsa §3.2.4; vc-di-ecdsa §3.2.4 for P-256). */
    @Override
    public final byte[] digest(byte[] data) {
        return sha256(data);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the platform", e);
        }
    }
}
