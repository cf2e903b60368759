package org.civitas.identity.enrolment;

import org.civitas.identity.citizen.DeviceInfo;

import java.time.Instant;
import java.util.Objects;

/**
 * An EnrolCitizen order, checked for form: the answered challenge, the device's signature over its payload, what
 * the registrar established about the person, and where.
 *
 * @param requestKey     the rpc scope, caller and request_id: binds the challenge and the pending write to this request
 * @param assuranceLevel 1 (low) to 3 (high)
 * @param region         the GB/T 2260 code the registrar enrols the citizen in
 */
public record Enrolment(String requestKey, String challengeId, byte[] deviceSignature, NationalId nationalId,
                        String proofingMethod, int assuranceLevel, Instant proofedAt, DeviceInfo device,
                        String region) {

    public Enrolment {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(challengeId, "challengeId");
        deviceSignature = deviceSignature.clone();
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(proofingMethod, "proofingMethod");
        Objects.requireNonNull(proofedAt, "proofedAt");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public byte[] deviceSignature() { return deviceSignature.clone(); }

    /** Never the national id. */
    @Override
    public String toString() { return "Enrolment[" + requestKey + ", region " + region + "]"; }
}
