package org.civitas.identity.citizen;

import java.util.Objects;

/**
 * What the wallet says about a device, for the citizen to recognise it: a display name, the platform and where the
 * key lives. Self-declared, never trusted for security decisions.
 */
public record DeviceInfo(String displayName, String platform, String keyStorage) {

    public static final int MAX_NAME = 100;
    public static final int MAX_TAG = 32;

    public DeviceInfo {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(keyStorage, "keyStorage");
    }

    public static DeviceInfo unnamed() { return new DeviceInfo("", "", ""); }
}
