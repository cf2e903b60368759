package org.civitas.identity.agency;

import io.grpc.StatusRuntimeException;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.state.Accreditations;
import org.civitas.server.ledger.LedgerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ledger's trust registry says a DID may do, now: be a provincial root (a current grant of tier
 * PROVINCIAL_ROOT, which only the national root can give), or enrol citizens in a region (a registrar: a current
 * AGENCY grant for {@link #CITIZEN_ENROLMENT} covering the region, from a provincial root whose own grant covers it).
 * Every verdict comes from proven ledger answers and is reused for {@code freshness}, so a withdrawal takes effect
 * within that time. Thread-safe.
 */
public final class TrustRegistry {

    /** The credential type whose accreditation makes an agency a registrar. */
    public static final String CITIZEN_ENROLMENT = Accreditations.CITIZEN_ENROLMENT;
    private static final int MAX_CACHED = 10_000;

    private record Verdict(boolean yes, Instant at) { }

    private final LedgerClient ledger;
    private final Clock clock;
    private final Duration freshness;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    public TrustRegistry(LedgerClient ledger, Clock clock, Duration freshness) {
        this.ledger = ledger;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** Whether the DID holds a current provincial-root grant (any type, any region). */
    public boolean isProvincialRoot(Did did) {
        return cached("root " + did, () -> !active(did, "", "", "PROVINCIAL_ROOT").isEmpty());
    }

    /** Whether the provincial root's grant covers the type (or {@code ""}: any) in the region. */
    public boolean rootCovers(Did root, String type, String region) {
        return cached("root " + root + " " + type + " " + region,
            () -> !active(root, type, region, "PROVINCIAL_ROOT").isEmpty());
    }

    /** Whether the DID is a registrar for the region. */
    public boolean isRegistrar(Did did, String region) {
        return cached("registrar " + did + " " + region, () -> active(did, CITIZEN_ENROLMENT, region, "AGENCY")
            .stream().anyMatch(g -> rootCovers(g.accreditor(), CITIZEN_ENROLMENT, region)));
    }

    /** The DID's current accreditations, every one proven (not cached: for display). */
    public List<LedgerClient.Accreditation> accreditations(Did subject) {
        try {
            return ledger.accreditations(subject, "", "", null);
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        }
    }

    private List<LedgerClient.Accreditation> active(Did subject, String type, String region, String tier) {
        Instant now = clock.instant();
        try {
            return ledger.accreditations(subject, type, region, null).stream()
                .filter(a -> a.tier().equals(tier) && a.withdrawnAt() == null && !a.validFrom().isAfter(now)
                    && (a.validUntil() == null || now.isBefore(a.validUntil())))
                .toList();
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        }
    }

    private boolean cached(String question, java.util.function.BooleanSupplier ask) {
        Instant now = clock.instant();
        Verdict verdict = verdicts.get(question);
        if (verdict != null && verdict.at().plus(freshness).isAfter(now)) return verdict.yes();
        boolean yes = ask.getAsBoolean();
        if (verdicts.size() >= MAX_CACHED) verdicts.clear();
        verdicts.put(question, new Verdict(yes, now));
        return yes;
    }

    private static IdentityException unavailable(StatusRuntimeException e) {
        return IdentityException.retryable(Reason.LEDGER_UNAVAILABLE, "the trust registry cannot be read from the "
            + "ledger now (" + e.getStatus().getCode() + "); retry", Duration.ofSeconds(1));
    }
}
