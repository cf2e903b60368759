package org.civitas.sdk.key;

/**
 * A freshly generated key: the {@link SigningKey} and, this one time, its secret as a Multikey
 * {@code secretKeyMultibase} to store in a keystore. Never log it; {@link #toString} is redacted.
 */
public final class NewKey {

    private final SigningKey signingKey;
    private final String secretKeyMultibase;

    NewKey(SigningKey signingKey, String secretKeyMultibase) {
        this.signingKey = signingKey;
        this.secretKeyMultibase = secretKeyMultibase;
    }

    public SigningKey signingKey() { return signingKey; }

    /** The secret for a keystore file. It exists only here; the {@link SigningKey} never shows it again. */
    public String secretKeyMultibase() { return secretKeyMultibase; }

    @Override
    public String toString() { return "NewKey[" + signingKey + "]"; }
}
