package org.civitas.ops.demo;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Someone who calls the services in the demo under their own DID: a root, an agency or the citizen's wallet.
 *
 * @param did           the caller's DID
 * @param keyId         the DID URL of the key that signs its service tokens
 * @param key           that key
 */
record Party(Did did, String keyId, SigningKey key) {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** The party whose key this is: a Multikey document with its secret, its id (a DID URL) and controller. */
    static Party of(String multikey) throws FormatException {
        return new Party(Did.parse(MultikeyDocument.member(multikey, "controller")), MultikeyDocument.member(multikey, "id"),
            MultikeyDocument.signingKey(multikey));
    }

    /** The transaction signed by this party's key. */
    SignedTransaction sign(Transaction transaction) {
        return SignedTransaction.sign(transaction, Map.of(keyId, key));
    }

    /** Call credentials that sign a fresh, single-use service token for {@code audience} on every call. */
    CallCredentials tokensFor(String audience, Clock clock) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + AuthToken.sign(key, keyId, did.toString(), audience,
                    clock.instant(), Duration.ofMinutes(5), UUID.randomUUID().toString()));
                applier.apply(headers);
            }
        };
    }
}
