package org.civitas.identity.challenge;

import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use device challenge: the exact payload the device key(s) must sign, and what it was made for.
 *
 * @param did                the citizen's DID (for ENROL: the DID the key creates)
 * @param deviceId           the device made or concerned, or null (SIGN_IN)
 * @param verificationMethod the new key's method id (ENROL, BIND_DEVICE, ROTATE_DEVICE_KEY), or null
 * @param publicKeyMultibase the new key (ENROL, BIND_DEVICE, ROTATE_DEVICE_KEY), or null
 * @param compromisedSince   REVOKE_DEVICE: the compromise time inside the payload, or null
 */
public record Challenge(String id, ChallengePurpose purpose, Did did, String deviceId, String verificationMethod,
                        String publicKeyMultibase, byte[] payload, Instant createdAt, Instant expiresAt,
                        Instant compromisedSince) {

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(did, "did");
        payload = payload.clone();
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The bytes to sign. A copy. */
    @Override
    public byte[] payload() { return payload.clone(); }
}
