package org.civitas.identity.device;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.citizen.Citizen;
import org.civitas.identity.citizen.CitizenCaller;
import org.civitas.identity.citizen.CitizenState;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.identity.citizen.CitizenWrites;
import org.civitas.identity.citizen.Device;
import org.civitas.identity.citizen.DeviceState;
import org.civitas.sdk.did.Did;

import java.time.Clock;
import java.time.Instant;

/**
 * Devices' FCM registration tokens: the latest token of a device replaces the previous one, is subscribed to the
 * holder's topic, and the replaced one is unsubscribed. The token is subscribed before it is recorded, so a crash
 * leaves at most a subscription that a retry records; a replaced token is queued on the record until the topic
 * no longer has it. Thread-safe.
 */
public final class PushTokens {

    /** FCM tokens are about 160 characters today; this bounds what is stored. */
    public static final int MAX_TOKEN = 4096;

    private final CitizenStore citizens;
    private final HolderTopic topics;
    private final CitizenWrites writes;
    private final Clock clock;

    public PushTokens(CitizenStore citizens, HolderTopic topics, CitizenWrites writes, Clock clock) {
        this.citizens = citizens;
        this.topics = topics;
        this.writes = writes;
        this.clock = clock;
    }

    /** Registers the device's token; the caller must be that device, or the citizen signed in with Firebase. */
    public Instant register(CitizenCaller caller, Did did, String deviceId, String token) {
        Citizen citizen = ownCitizen(caller, did);
        Device device = citizen.device(deviceId).orElseThrow(() -> IdentityException.about(Reason.DEVICE_NOT_FOUND,
            "device", deviceId, did + " has no device " + deviceId));
        if (caller.keyId() != null && !caller.keyId().equals(device.verificationMethod())) {
            throw IdentityException.of(Reason.NOT_THE_CALLERS_DEVICE, "the caller signed with " + caller.keyId()
                + ", not with " + deviceId + "'s key; a device registers its own token");
        }
        if (device.state() != DeviceState.ACTIVE) {
            throw IdentityException.about(Reason.DEVICE_REVOKED, "device", deviceId, deviceId + " was revoked");
        }
        topics.subscribe(did, token);
        citizens.setPushToken(did, deviceId, token);
        writes.unsubscribeQuietly(did);
        return clock.instant();
    }

    /** The caller's own record (the citizen reads itself). */
    public Citizen ownCitizen(CitizenCaller caller, Did did) {
        if (!caller.did().equals(did)) {
            throw IdentityException.of(Reason.NOT_THE_CALLER, "the caller is " + caller.did() + ", not " + did);
        }
        Citizen citizen = citizens.find(did).orElseThrow(() -> IdentityException.about(Reason.CITIZEN_NOT_FOUND,
            "citizen", did.toString(), did + " is not an enrolled citizen"));
        if (citizen.state() != CitizenState.ACTIVE) {
            throw IdentityException.about(Reason.CITIZEN_NOT_FOUND, "citizen", did.toString(),
                did + " is not enrolled yet");
        }
        return citizen;
    }
}
