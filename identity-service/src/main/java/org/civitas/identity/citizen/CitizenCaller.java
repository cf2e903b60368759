package org.civitas.identity.citizen;

import org.civitas.sdk.did.Did;

import java.util.Objects;

/**
 * A caller acting as a citizen: either a device, through a service token signed by one of its keys
 * ({@code keyId} set), or the citizen signed in with Firebase ({@code firebaseUid} set, the DID from the verified
 * custom claim).
 */
public record CitizenCaller(Did did, String keyId, String firebaseUid) {

    public CitizenCaller {
        Objects.requireNonNull(did, "did");
        if ((keyId == null) == (firebaseUid == null)) {
            throw new IllegalArgumentException("a citizen caller is a device key or a Firebase account");
        }
    }

    public static CitizenCaller device(Did did, String keyId) { return new CitizenCaller(did, keyId, null); }

    public static CitizenCaller firebase(Did did, String uid) { return new CitizenCaller(did, null, uid); }
}
