package org.civitas.server.ledger;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.ledger.CivitasDid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves did:civitas DIDs through the ledger (every answer proven against the genesis trust by the
 * {@link LedgerClient}). Current documents are kept for a short time, so a burst of calls by one caller costs one
 * ledger read; a key revoked on the ledger therefore stops authenticating within {@link #FRESHNESS}. Resolution
 * as of a past time is not cached. Thread-safe.
 */
public final class LedgerDidResolver implements DidResolver {

    /** How long a current document is reused before the ledger is asked again. */
    public static final Duration FRESHNESS = Duration.ofSeconds(10);
    private static final int MAX_CACHED = 10_000;

    private record Cached(DidDocument document, boolean deactivated, Instant fetched) { }

    private final LedgerClient ledger;
    private final Clock clock;
    private final Map<Did, Cached> current = new ConcurrentHashMap<>();

    public LedgerDidResolver(LedgerClient ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public DidDocument resolve(Did did, Instant asOf) throws ResolutionException {
        if (!CivitasDid.isCivitas(did)) {
            throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED, "not did:civitas: " + did);
        }
        Instant now = clock.instant();
        boolean wantsNow = asOf == null || !asOf.isBefore(now.minus(FRESHNESS));
        if (wantsNow) {
            Cached cached = current.get(did);
            if (cached != null && cached.fetched().plus(FRESHNESS).isAfter(now)) return answer(did, cached);
        }
        Cached fetched;
        try {
            LedgerClient.Resolution resolution = ledger.resolve(did, wantsNow ? null : asOf);
            fetched = new Cached(resolution.document(), resolution.deactivated(), now);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new ResolutionException(ResolutionException.Kind.NOT_FOUND, did + " is not on the ledger");
            }
            throw new ResolutionException(ResolutionException.Kind.UNAVAILABLE, "the ledger cannot resolve " + did
                + " now: " + e.getStatus().getCode());
        }
        if (wantsNow) {
            if (current.size() >= MAX_CACHED) current.clear();
            current.put(did, fetched);
        }
        return answer(did, fetched);
    }

    private static DidDocument answer(Did did, Cached cached) throws ResolutionException {
        if (cached.deactivated()) {
            throw new ResolutionException(ResolutionException.Kind.DEACTIVATED, did + " is deactivated");
        }
        return cached.document();
    }
}
