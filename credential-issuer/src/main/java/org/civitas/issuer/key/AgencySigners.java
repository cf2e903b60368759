package org.civitas.issuer.key;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of an agency's held keys may sign for it now: those its current DID document on the ledger lists under
 * {@code assertionMethod} with the same public key. A key the agency removed or rotated stops signing within
 * {@link #FRESHNESS}. Thread-safe.
 */
public final class AgencySigners {

    /** How long a matched set is reused before the DID document is read again. */
    public static final Duration FRESHNESS = Duration.ofSeconds(10);

    /** A key that signs for an agency, under its verification method id. */
    public record Signer(String methodId, SigningKey key) { }

    /** An agency's usable signers, one per key type. */
    public record Signers(Did agency, Map<KeyType, Signer> byType) {
        public Signers { byType = Map.copyOf(byType); }

        public Optional<Signer> of(KeyType type) { return Optional.ofNullable(byType.get(type)); }

        /** The key ledger transactions and status lists are signed with: Ed25519 when held, else any. */
        public Signer primary() {
            Signer ed25519 = byType.get(KeyType.ED25519);
            return ed25519 != null ? ed25519 : byType.values().iterator().next();
        }
    }

    private record Cached(Signers signers, Instant until) { }

    private final AgencyKeys keys;
    private final DidResolver resolver;
    private final Clock clock;
    private final Map<Did, Cached> cache = new ConcurrentHashMap<>();

    public AgencySigners(AgencyKeys keys, DidResolver resolver, Clock clock) {
        this.keys = keys;
        this.resolver = resolver;
        this.clock = clock;
    }

    /**
     * The agency's signers.
     *
     * @throws IssuerException NOT_AN_ISSUER when no key of the agency is held here; ISSUER_KEY_MISSING when none
     *                         of them is a current assertionMethod key; LEDGER_UNAVAILABLE
     */
    public Signers of(Did agency) {
        Instant now = clock.instant();
        Cached cached = cache.get(agency);
        if (cached != null && cached.until().isAfter(now)) return cached.signers();
        Map<String, SigningKey> held = keys.of(agency);
        if (held.isEmpty()) {
            throw IssuerException.of(Reason.NOT_AN_ISSUER, agency + " has no issuing keys in this service; register "
                + "its assertionMethod keys with the issuer's keystore first", Map.of("agency", agency.toString()));
        }
        DidDocument document;
        try {
            document = resolver.resolve(agency, now);
        } catch (ResolutionException e) {
            if (e.kind() == ResolutionException.Kind.UNAVAILABLE) {
                throw IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger cannot resolve " + agency + " now; retry");
            }
            throw IssuerException.of(Reason.ISSUER_KEY_MISSING, agency + " cannot be resolved on the ledger ("
                + e.kind() + "): it cannot sign credentials");
        }
        Map<KeyType, Signer> usable = new EnumMap<>(KeyType.class);
        held.forEach((methodId, key) -> {
            Optional<VerificationMethod> method = document.verificationMethod(methodId);
            if (method.isPresent() && key.verificationKey().equals(method.get().key())
                    && document.authorizes(methodId, Relationship.ASSERTION_METHOD)) {
                usable.merge(key.type(), new Signer(methodId, key), (a, b) -> a.methodId().compareTo(b.methodId()) <= 0 ? a : b);
            }
        });
        if (usable.isEmpty()) {
            throw IssuerException.of(Reason.ISSUER_KEY_MISSING, "none of the keys held for " + agency + " is listed "
                + "under assertionMethod in its current DID document; register its current keys");
        }
        Signers signers = new Signers(agency, usable);
        cache.put(agency, new Cached(signers, now.plus(FRESHNESS)));
        return signers;
    }
}
