package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

/**
 * The JCS suites' algorithms (vc-di-eddsa §3.3 "eddsa-jcs-2022", vc-di-ecdsa §3.3 "ecdsa-jcs-2019", and
 * sm2-jcs-2025 which mirrors them): RFC 8785 canonical JSON of the document and of the proof configuration, each
 * hashed, the two hashes signed. Each tree is canonicalised exactly once and nothing is re-parsed; verification
 * makes one shallow copy of the document's top level, never a deep one.
 */
abstract class JcsCryptosuite extends AbstractCryptosuite {

    JcsCryptosuite(String name, KeyType keyType) {
        super(name, keyType);
    }

    /** Create Proof (vc-di-eddsa §3.3.1). */
    @Override
    public final ObjectNode createProof(ObjectNode unsecuredDocument, ObjectNode options, SigningKey key) {
        checkSigning(options, key);
        ObjectNode proof = options.deepCopy();                                  // step 1
        JsonNode context = unsecuredDocument.get("@context");
        if (context != null) proof.set("@context", context.deepCopy());         // step 2
        byte[] canonicalProofConfig = Jcs.canonicalize(proof);                  // step 3 (options checked above)
        byte[] transformedData = transform(unsecuredDocument);                  // step 4
        byte[] hashData = hash(transformedData, canonicalProofConfig);          // step 5
        byte[] proofBytes = serializeProof(hashData, key);                      // step 6
        proof.put("proofValue", Multibase.encodeBase58Btc(proofBytes));         // step 7
        return proof;
    }

    /** Verify Proof (vc-di-eddsa §3.3.2, vc-di-ecdsa §3.3.2). */
    @Override
    public final boolean verifyProof(ObjectNode unsecuredDocument, ObjectNode proof, VerificationKey key)
            throws TransformationException {
        ObjectNode proofOptions = withoutProofValue(proof);                     // step 2
        byte[] proofBytes = proofBytes(proof);                                  // step 3
        if (proofBytes == null) return false;
        ObjectNode document = unsecuredDocument;
        JsonNode proofContext = proofOptions.get("@context");
        if (proofContext != null) {                                             // step 4
            requireContextPrefix(unsecuredDocument.get("@context"), proofContext);
            document = unsecuredDocument.objectNode();                          // shallow: children are shared, not changed
            document.setAll(unsecuredDocument);
            document.set("@context", proofContext);
        }
        byte[] transformedData = transform(document);                           // step 5
        byte[] canonicalProofConfig = configureProof(proofOptions, document);   // step 6
        return verifySignature(hash(transformedData, canonicalProofConfig), proofBytes, key);   // steps 7-8
    }

    /** Transformation (vc-di-eddsa §3.3.3 step 2): RFC 8785 of the document. */
    @Override
    public final byte[] transform(ObjectNode unsecuredDocument) {
        return Jcs.canonicalize(unsecuredDocument);
    }

    /** Proof Configuration (vc-di-eddsa §3.3.5): RFC 8785 of the options; the document is not used. */
    @Override
    public final byte[] configureProof(ObjectNode proofOptions, ObjectNode unsecuredDocument)
            throws TransformationException {
        checkOptions(proofOptions);
        return Jcs.canonicalize(proofOptions);
    }

    /**
     * Verify Proof step 4.1: the document's {@code @context} starts with every value of the proof's, in the same
     * order. A single value counts as a list of one.
     */
    private static void requireContextPrefix(JsonNode documentContext, JsonNode proofContext)
            throws TransformationException {
        ArrayNode document = asArray(documentContext);
        ArrayNode proof = asArray(proofContext);
        boolean prefix = document != null && proof != null && proof.size() <= document.size();
        for (int i = 0; prefix && i < proof.size(); i++) prefix = proof.get(i).equals(document.get(i));
        if (!prefix) {
            throw new TransformationException(TransformationException.Kind.CONTEXT_MISMATCH, "@context",
                "the proof's @context is not the start of the document's @context");
        }
    }

    private static ArrayNode asArray(JsonNode context) {
        if (context == null) return null;
        if (context.isArray()) return (ArrayNode) context;
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(context);
    }
}
