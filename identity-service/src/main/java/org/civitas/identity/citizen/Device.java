package org.civitas.identity.citizen;

import java.time.Instant;
import java.util.Objects;

/**
 * One device of a citizen: its id ({@code device-N}, never reused), the verification method of its current key in
 * the DID document ({@code #device-N} for the first key, {@code #device-N-key-K} after rotations), and its push
 * token.
 *
 * @param keyVersion 1 for the device's first key, +1 per rotation
 * @param boundAt    when the ledger committed the binding (null while pending)
 * @param revokedAt  when the ledger committed the revocation, or null
 * @param pushToken  the device's current FCM registration token, or null
 */
public record Device(String id, String verificationMethod, String publicKeyMultibase, int keyVersion,
                     DeviceState state, DeviceInfo info, Instant boundAt, Instant revokedAt, String pushToken) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(publicKeyMultibase, "publicKeyMultibase");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(info, "info");
        if (keyVersion < 1) throw new IllegalArgumentException("key versions start at 1");
    }

    /** The {@code N} of {@code device-N}. */
    public int number() { return numberOf(id); }

    public boolean isActive() { return state == DeviceState.ACTIVE; }

    /** The number of a device id {@code device-N}, or 0 when it has another form. */
    public static int numberOf(String deviceId) {
        if (!deviceId.startsWith("device-")) return 0;
        try {
            return Integer.parseInt(deviceId.substring("device-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Redacts the push token. */
    @Override
    public String toString() {
        return "Device[" + id + ", " + verificationMethod + ", " + state + (pushToken == null ? "" : ", push") + "]";
    }
}
