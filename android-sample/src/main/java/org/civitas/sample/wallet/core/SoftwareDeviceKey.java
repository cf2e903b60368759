package org.civitas.sample.wallet.core;

import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

import java.util.Objects;

/** A device key held in memory as an SDK {@link SigningKey}: for the JVM and tests, never for a phone's key. */
public final class SoftwareDeviceKey implements DeviceKey {

    private final SigningKey key;

    public SoftwareDeviceKey(SigningKey key) { this.key = Objects.requireNonNull(key, "key"); }

    /** A new P-256 key, the type a phone's keystore holds. */
    public static SoftwareDeviceKey generateP256() {
        return new SoftwareDeviceKey(SigningKey.generate(KeyType.P256).signingKey());
    }

    @Override public KeyType type() { return key.type(); }

    @Override public VerificationKey publicKey() { return key.verificationKey(); }

    @Override public byte[] sign(byte[] message) { return key.sign(message); }

    @Override public String storage() { return "software"; }
}
