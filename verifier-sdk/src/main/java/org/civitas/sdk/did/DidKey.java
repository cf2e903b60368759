package org.civitas.sdk.did;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Varint;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.VerificationKey;

import java.math.BigInteger;

/**
 * The {@code did:key} method (W3C CCG did:key v0.9): the DID is {@code did:key:} + the key's Multikey
 * {@code publicKeyMultibase}, and its document is derived from the key alone, with the key as a {@code Multikey}
 * verification method authorised for every relationship. For Ed25519 the derived X25519 key-agreement key can be
 * included (the spec's {@code enableEncryptionKeyDerivation}). Works for Ed25519, P-256 and SM2.
 */
public final class DidKey {

    /** The method name. */
    public static final String METHOD = "key";
    static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";
    static final String MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
    /** 2^255 − 19, the field of Curve25519 (RFC 7748 §4.1). */
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private DidKey() { }

    /** The did:key of a public key. */
    public static Did of(VerificationKey key) {
        return new Did(METHOD, key.toMultibase());
    }

    /** The verification method id of a did:key: {@code did:key:<mb>#<mb>}. */
    public static String verificationMethodId(VerificationKey key) {
        return of(key) + "#" + key.toMultibase();
    }

    /** The key a did:key encodes. */
    public static VerificationKey key(Did did) throws FormatException {
        if (!METHOD.equals(did.method())) throw new FormatException("did:key", "not a did:key: " + did);
        return VerificationKey.fromMultibase(did.methodSpecificId());
    }

    /** The did:key document, without key-agreement derivation. */
    public static DidDocument document(Did did) throws FormatException {
        return document(did, false);
    }

    /**
     * The did:key document (did:key §3.1.2 "Document Creation Algorithm").
     *
     * @param withKeyAgreement for Ed25519, also derive the X25519 key-agreement method (§3.1.5)
     */
    public static DidDocument document(Did did, boolean withKeyAgreement) throws FormatException {
        if (!METHOD.equals(did.method())) throw new FormatException("did:key", "not a did:key: " + did);
        // the key is decoded once, by DidDocument.of below (an EC key's decoding is a square root: most of the cost)
        VerificationKey key = withKeyAgreement ? key(did) : null;
        String multibase = did.methodSpecificId();
        String methodId = did + "#" + multibase;
        ObjectNode json = IJson.mapper().createObjectNode();
        json.putArray("@context").add(DID_CONTEXT).add(MULTIKEY_CONTEXT);
        json.put("id", did.toString());
        ArrayNode methods = json.putArray("verificationMethod");
        methods.add(multikey(methodId, did, multibase));
        for (Relationship relationship : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                Relationship.CAPABILITY_DELEGATION, Relationship.CAPABILITY_INVOCATION}) {
            json.putArray(relationship.property()).add(methodId);
        }
        if (key != null && key.type() == KeyType.ED25519) {
            String x25519 = x25519Multibase(key);
            String agreementId = did + "#" + x25519;
            methods.add(multikey(agreementId, did, x25519));
            json.putArray(Relationship.KEY_AGREEMENT.property()).add(agreementId);
        }
        DidDocument document = DidDocument.of(json);
        // a did:key names a signature key: an X25519 one reads as a method without one, and is refused here
        document.verificationMethod(methodId).get().signatureKey();
        return document;
    }

    /**
     * A resolver for did:key only; other methods are {@code METHOD_NOT_SUPPORTED}. A did:key document is a pure
     * function of the DID, so documents are kept in a small shared cache: decoding an EC key (point
     * decompression) costs about as much as a signature check.
     */
    public static DidResolver resolver() {
        return (did, asOf) -> {
            if (!METHOD.equals(did.method())) {
                throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED,
                    "did:" + did.method() + " is not did:key");
            }
            DidDocument cached = CACHE.get(did);
            if (cached != null) return cached;
            try {
                DidDocument document = document(did);
                if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();   // crude bound: the working set is small
                CACHE.put(did, document);
                return document;
            } catch (FormatException e) {
                throw new ResolutionException(ResolutionException.Kind.INVALID, e.getMessage());
            }
        };
    }

    /** Resolved did:key documents; bounded by clearing, since a counter sees a few issuers and many holders. */
    private static final java.util.Map<Did, DidDocument> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private static ObjectNode multikey(String id, Did controller, String publicKeyMultibase) {
        ObjectNode method = IJson.mapper().createObjectNode();
        method.put("id", id);
        method.put("type", "Multikey");
        method.put("controller", controller.toString());
        method.put("publicKeyMultibase", publicKeyMultibase);
        return method;
    }

    /**
     * The X25519 key of an Ed25519 key by the birational map u = (1 + y) / (1 − y) mod p (RFC 7748 §4.1), as
     * multibase with the {@code x25519-pub} header.
     */
    static String x25519Multibase(VerificationKey ed25519) {
        byte[] littleEndian = ed25519.encoded();
        littleEndian[31] &= 0x7F;   // drop the sign bit of x
        BigInteger y = new BigInteger(1, reverse(littleEndian));
        BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).modInverse(P)).mod(P);
        byte[] uLittleEndian = reverse(fixed32(u));
        byte[] header = Varint.encode(VerificationMethod.X25519_PUB_CODEC);
        byte[] bytes = new byte[header.length + 32];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(uLittleEndian, 0, bytes, header.length, 32);
        return Multibase.encodeBase58Btc(bytes);
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[bytes.length - 1 - i];
        return out;
    }
}
