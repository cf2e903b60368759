package org.civitas.sdk.did;

import java.time.Instant;

/**
 * Resolves DIDs to documents without the network at verification time: {@code did:key} locally
 * ({@link KeyDidResolver}), {@code did:civitas} from the ledger or an offline trust bundle. Implementations are
 * thread-safe.
 */
public interface DidResolver {

    /**
     * The document of {@code did} as it was at {@code asOf}, so that a signature made before a key rotation is
     * checked against the keys valid then. Resolvers of methods without history (did:key) ignore the time.
     *
     * @throws ResolutionException when the DID cannot be resolved, with the reason
     */
    DidDocument resolve(Did did, Instant asOf) throws ResolutionException;

    /** A resolver that tries each in turn by DID method: the first that supports the method answers. */
    static DidResolver firstOf(DidResolver... resolvers) {
        return (did, asOf) -> {
            for (DidResolver resolver : resolvers) {
                try {
                    return resolver.resolve(did, asOf);
                } catch (ResolutionException e) {
                    if (e.kind() != ResolutionException.Kind.METHOD_NOT_SUPPORTED) throw e;
                }
            }
            throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED,
                "no resolver for did:" + did.method() + " is configured");
        };
    }
}
