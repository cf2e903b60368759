package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.internal.Base58;
import org.civitas.sdk.key.VerificationKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code did:civitas} method: DIDs anchored on the Civitas ledger. The method-specific id is derived from the
 * DID's genesis key, {@code base58btc(SHA-256(publicKeyMultibase)[0..16])}, so only the holder of that key can
 * create the DID, and the id says nothing about the person.
 */
public final class CivitasDid {

    /** The method name. */
    public static final String METHOD = "civitas";
    /** Bytes of the hash kept in the id: 128 bits make a second-preimage search for someone's id hopeless. */
    static final int ID_BYTES = 16;

    private CivitasDid() { }

    /** The DID a genesis key creates. */
    public static Did of(VerificationKey genesisKey) {
        return ofMultibase(genesisKey.toMultibase());
    }

    /**
     * The DID that the genesis key with this {@code publicKeyMultibase} text creates (the text a did:key's
     * method-specific id also is). The text is hashed as it is, not parsed: a text that is no key gives a DID
     * that no key creates.
     */
    public static Did ofMultibase(String publicKeyMultibase) {
        byte[] digest = LedgerHash.SHA_256.digest(publicKeyMultibase.getBytes(StandardCharsets.US_ASCII));
        return new Did(METHOD, Base58.encode(Arrays.copyOf(digest, ID_BYTES)));
    }

    /** Whether the DID is the one this genesis key creates. */
    public static boolean isCreatedBy(Did did, VerificationKey genesisKey) {
        return of(genesisKey).equals(did);
    }

    /**
     * The first document of a DID: its genesis key as {@code #key-0}, a Multikey authorised for every
     * verification relationship except key agreement.
     */
    public static DidDocument initialDocument(VerificationKey genesisKey) {
        Did did = of(genesisKey);
        String method = did + "#key-0";
        ObjectNode json = IJson.mapper().createObjectNode();
        json.putArray("@context").add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/multikey/v1");
        json.put("id", did.toString());
        json.putArray("verificationMethod").addObject().put("id", method).put("type", "Multikey")
            .put("controller", did.toString()).put("publicKeyMultibase", genesisKey.toMultibase());
        for (Relationship r : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                Relationship.CAPABILITY_INVOCATION, Relationship.CAPABILITY_DELEGATION}) {
            json.putArray(r.property()).add(method);
        }
        try {
            return DidDocument.of(json);
        } catch (FormatException e) {
            throw new IllegalStateException("an initial document is always well-formed", e);
        }
    }

    public static boolean isCivitas(Did did) {
        return METHOD.equals(did.method());
    }
}
