package org.civitas.identity.device;

import java.util.Objects;

/** A signature by a key already bound to the citizen's DID, named by its verification method. */
public record DeviceSignature(String verificationMethod, byte[] signature) {

    public DeviceSignature {
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() { return signature.clone(); }
}
