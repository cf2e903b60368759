package org.civitas.issuer.bundle;

import org.civitas.issuer.key.Pkcs12AgencyKeys;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The key that signs trust bundles, kept like the agencies' issuing keys (a PKCS#12 file under the same password)
 * but in its own file, so it is never taken for an agency's key. It is generated on first start (Ed25519) and
 * named by its did:key, which verifiers pin. Immutable.
 *
 * @param did the publisher's did:key
 */
public record PublisherKey(SigningKey key, String did) {

    public PublisherKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(did, "did");
    }

    /** Opens the publisher keystore, generating and storing the key when the file holds none yet. */
    public static PublisherKey open(Path keystore, char[] password) {
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(keystore, password);
        for (Did holder : keys.agencies()) {
            Map<String, SigningKey> held = keys.of(holder);
            if (DidKey.METHOD.equals(holder.method()) && !held.isEmpty()) {
                return new PublisherKey(held.values().iterator().next(), holder.toString());
            }
        }
        NewKey generated = SigningKey.generate(KeyType.ED25519);
        Did did = DidKey.of(generated.signingKey().verificationKey());
        try {
            // "#key-0" rather than did:key's own fragment: the keystore names the entry's certificate after the id,
            // and a certificate's common name holds at most 64 characters (RFC 5280)
            keys.importMultikey(MultikeyDocument.withSecret(generated, did + "#key-0", did.toString()).toString());
        } catch (FormatException e) {
            throw new IllegalStateException("a generated key always makes a valid Multikey document", e);
        }
        return new PublisherKey(generated.signingKey(), did.toString());
    }

    @Override public String toString() { return "PublisherKey[" + did + "]"; }
}
