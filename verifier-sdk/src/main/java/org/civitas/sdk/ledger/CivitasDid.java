package org.civitas.sdk.ledger;

import org.civitas.sdk.did.Did;
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
        byte[] digest = LedgerHash.SHA_256.digest(genesisKey.toMultibase().getBytes(StandardCharsets.US_ASCII));
        return new Did(METHOD, Base58.encode(Arrays.copyOf(digest, ID_BYTES)));
    }

    /** Whether the DID is the one this genesis key creates. */
    public static boolean isCreatedBy(Did did, VerificationKey genesisKey) {
        return of(genesisKey).equals(did);
    }

    public static boolean isCivitas(Did did) {
        return METHOD.equals(did.method());
    }
}
