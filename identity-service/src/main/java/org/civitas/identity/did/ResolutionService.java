package org.civitas.identity.did;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.ledger.CivitasDid;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves DIDs for the ResolveDid rpc and for this service's own writes: did:key locally; did:civitas from the
 * ledger with its proof. The current version goes through the {@link ResolutionCache}; a resolution as of a time is
 * answered from the cache only when the cached current version was already in effect then (so the answer is the
 * same the ledger would give), and otherwise always from the ledger. Thread-safe.
 */
public final class ResolutionService {

    /**
     * How a caller's answer is made from a resolution and kept in the cache as bytes. Answers must be immutable:
     * the cache hands one decoded instance to every caller.
     */
    public interface Codec<A> {
        A answer(ProvenDocument document);

        byte[] encode(A answer);

        A decode(byte[] cached);
    }

    private final DocumentSource ledger;
    private final ResolutionCache cache;
    private final Clock clock;
    /** Ledger reads of current versions in progress, by DID. */
    private final Map<Did, CompletableFuture<ProvenDocument>> fetching = new ConcurrentHashMap<>();

    public ResolutionService(DocumentSource ledger, ResolutionCache cache, Clock clock) {
        this.ledger = ledger;
        this.cache = cache;
        this.clock = clock;
    }

    /** Resolves a DID now or as of a time ({@code null}: now). */
    public <A> A resolve(Did did, Instant asOf, Codec<A> codec) {
        if (DidKey.METHOD.equals(did.method())) {
            try {
                return codec.answer(ProvenDocument.local(DidKey.document(did)));
            } catch (FormatException e) {
                throw IdentityException.invalid("did", "is not a valid did:key: " + e.getMessage());
            }
        }
        if (!CivitasDid.isCivitas(did)) {
            throw IdentityException.field(Reason.DID_METHOD_NOT_SUPPORTED, "did",
                "uses did:" + did.method() + "; this service resolves did:civitas and did:key");
        }
        boolean current = asOf == null || !asOf.isBefore(clock.instant());
        ResolutionCache.Entry<A> cached = cache.get(did, codec);
        if (cached != null && (current || !asOf.isBefore(cached.updated()))) return cached.answer();
        if (!current) return answerAndCache(did, ledger.resolve(did, asOf), codec);
        return fetchCurrent(did, codec);
    }

    /**
     * Reads the current version from the ledger and caches it. When a cached version expires, every caller of that
     * DID misses at once: one of them asks the ledger and the others wait for its answer, so a popular DID costs
     * one ledger read (and one proof check) per expiry, not one per call in flight.
     */
    private <A> A fetchCurrent(Did did, Codec<A> codec) {
        CompletableFuture<ProvenDocument> mine = new CompletableFuture<>();
        CompletableFuture<ProvenDocument> running = fetching.putIfAbsent(did, mine);
        if (running != null) return codec.answer(awaited(running));
        try {
            ProvenDocument document = ledger.resolve(did, null);
            A answer = answerAndCache(did, document, codec);
            mine.complete(document);
            return answer;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            fetching.remove(did, mine);
        }
    }

    /** The answer for a resolved version, cached when it is the current one. */
    private <A> A answerAndCache(Did did, ProvenDocument document, Codec<A> codec) {
        A answer = codec.answer(document);
        if (document.metadata().nextUpdate() == null) {
            cache.put(did, document.metadata().versionEntryIndex(), document.metadata().updated(), answer, codec);
        }
        return answer;
    }

    private static ProvenDocument awaited(CompletableFuture<ProvenDocument> fetch) {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /**
     * The current version's answer if this replica holds it, without waiting on Redis or the ledger; null
     * otherwise (then {@link #resolve} answers).
     */
    public <A> A held(Did did, Codec<A> codec) {
        if (!CivitasDid.isCivitas(did)) return null;
        ResolutionCache.Entry<A> cached = cache.held(did, codec);
        return cached == null ? null : cached.answer();
    }

    /** The current version straight from the ledger (never cached): what writes build on. */
    public ProvenDocument current(Did did) {
        return ledger.resolve(did, null);
    }

    /** A write through this service changed the document at ledger entry {@code newVersionIndex}. */
    public void changed(Did did, long newVersionIndex) {
        fetching.remove(did);                 // a resolution that starts now must not wait for a read made before
        cache.invalidate(did, newVersionIndex);
    }
}
