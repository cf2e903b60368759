package org.civitas.sdk.did;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Varint;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.VerificationKey;

import java.util.Map;
import java.util.Objects;

/**
 * A verification method of a DID document (DID Core §5.2) holding a signature key: {@code Multikey}
 * (publicKeyMultibase, Controlled Identifiers §2.2.2), {@code JsonWebKey} (publicKeyJwk, §2.2.3) or the
 * older {@code Ed25519VerificationKey2020}. Methods whose key is not a signature key (X25519 key agreement) are
 * represented with a {@code null} key. Immutable.
 *
 * @param id         absolute DID URL of the method
 * @param type       the method's type
 * @param controller the controller's DID
 * @param key        the signature key, or {@code null} for a key-agreement-only method
 */
public record VerificationMethod(String id, String type, String controller, VerificationKey key) {

    /** Multicodec {@code x25519-pub}: a key-agreement key, never a signature key. */
    static final int X25519_PUB_CODEC = 0xec;

    public VerificationMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(controller, "controller");
    }

    /** The signature key, or a {@link FormatException} naming why this method has none. */
    public VerificationKey signatureKey() throws FormatException {
        if (key == null) throw new FormatException("verification method " + id, "holds no signature key");
        return key;
    }

    /** Reads the key of a method's JSON members ({@code publicKeyMultibase} or {@code publicKeyJwk}). */
    static VerificationKey readKey(String id, String type, String publicKeyMultibase, Map<String, ?> publicKeyJwk)
            throws FormatException {
        if (publicKeyMultibase != null) {
            byte[] bytes = Multibase.decode("publicKeyMultibase", publicKeyMultibase);
            if (Varint.decode(bytes) == (X25519_PUB_CODEC | (2L << 32))) return null;   // key agreement only
            return VerificationKey.fromMultibase(publicKeyMultibase);
        }
        if (publicKeyJwk != null) {
            if ("X25519".equals(publicKeyJwk.get("crv"))) return null;
            return VerificationKey.fromJwk(publicKeyJwk);
        }
        throw new FormatException("verification method " + id,
            "a " + type + " needs publicKeyMultibase or publicKeyJwk");
    }
}
