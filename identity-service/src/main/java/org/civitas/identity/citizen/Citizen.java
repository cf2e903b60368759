package org.civitas.identity.citizen;

import org.civitas.identity.enrolment.NationalIdHash;
import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The minimal record kept of an enrolled citizen: the DID, the national id only as its keyed hash, who enrolled the
 * person where and how well the identity was proofed, and the devices. No claims data: credentials live in the
 * wallet.
 *
 * @param enrolledAt          when the ledger committed the DID (null while pending)
 * @param pending             a ledger write not yet completed, or null
 * @param firebaseUids        Firebase accounts linked to the DID
 * @param tokensToUnsubscribe push tokens still to be removed from the holder topic (revoked or replaced)
 */
public record Citizen(Did did, CitizenState state, NationalIdHash nationalIdHash, String region, Did registrar,
                      int assuranceLevel, String proofingMethod, Instant proofedAt, Instant enrolledAt,
                      List<Device> devices, PendingWrite pending, List<String> firebaseUids,
                      List<String> tokensToUnsubscribe) {

    public Citizen {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nationalIdHash, "nationalIdHash");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(registrar, "registrar");
        devices = List.copyOf(devices);
        firebaseUids = List.copyOf(firebaseUids);
        tokensToUnsubscribe = List.copyOf(tokensToUnsubscribe);
    }

    public Optional<Device> device(String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    /** The device whose current key is this verification method. */
    public Optional<Device> deviceByMethod(String verificationMethod) {
        return devices.stream().filter(d -> d.verificationMethod().equals(verificationMethod)).findFirst();
    }

    public List<Device> activeDevices() {
        return devices.stream().filter(Device::isActive).toList();
    }

    /** The highest device number in use, so a new device never reuses an id. */
    public int highestDeviceNumber() {
        return devices.stream().mapToInt(Device::number).max().orElse(0);
    }
}
