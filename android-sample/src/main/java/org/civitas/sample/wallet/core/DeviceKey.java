package org.civitas.sample.wallet.core;

import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.VerificationKey;

/**
 * The wallet's device key. On a phone it lives in the Android Keystore (P-256, in StrongBox when the device has one)
 * and never leaves it, so the wallet signs through this interface rather than with an SDK {@code SigningKey}.
 */
public interface DeviceKey {

    /** The key's type; a keystore-backed key is {@link KeyType#P256}. */
    KeyType type();

    /** The public key, as the DID document lists it. */
    VerificationKey publicKey();

    /**
     * Signs a message in the encoding Civitas' suites use: for P-256, ECDSA over SHA-256 of the message with the
     * signature as r‖s (64 bytes), not DER.
     */
    byte[] sign(byte[] message);

    /** Where the key lives, as enrolment records it: "strongbox", "tee" or "software". */
    String storage();
}
