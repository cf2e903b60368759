package org.civitas.issuer.audit;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.store.AuditStore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only supervision of agencies' audit logs. Who may read an agency's log: the agency itself; the national
 * root (named at the ledger's genesis); and any provincial root that accredited the agency (an accreditation of
 * it, active now, whose accreditor is the caller). Thread-safe.
 */
public final class Supervision {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    /** A page of entries. */
    public record Page(List<AuditEntry> entries, long nextSequence) { }

    /** A recomputed chain compared with its latest ledger anchor. */
    public record Report(AuditLog.Verification chain, ProvenEntry latestAnchor, boolean anchorMatches) { }

    private final AuditLog log;
    private final AuditStore store;
    private final IssuerLedger ledger;
    private final DidResolver resolver;
    private final Clock clock;

    public Supervision(AuditLog log, AuditStore store, IssuerLedger ledger, DidResolver resolver, Clock clock) {
        this.log = log;
        this.store = store;
        this.ledger = ledger;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** @throws IssuerException AGENCY_NOT_FOUND, NOT_REGULATOR, LEDGER_UNAVAILABLE */
    public void authorize(Did caller, Did agency) {
        Instant now = clock.instant();
        try {
            resolver.resolve(agency, now);
        } catch (ResolutionException e) {
            if (e.kind() == ResolutionException.Kind.UNAVAILABLE) {
                throw IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger cannot resolve " + agency + " now");
            }
            if (e.kind() != ResolutionException.Kind.DEACTIVATED) {
                throw IssuerException.about(Reason.AGENCY_NOT_FOUND, "agency", agency.toString(),
                    agency + " is not an agency on the ledger");
            }
        }
        if (caller.equals(agency) || caller.equals(ledger.nationalRoot())) return;
        for (LedgerClient.Accreditation a : ledger.accreditations(agency, null, null, now)) {
            if (a.accreditor().equals(caller) && "AGENCY".equals(a.tier())) return;
        }
        throw IssuerException.of(Reason.NOT_REGULATOR, "only " + agency + " itself, the provincial root that "
            + "accredited it or the national root may read its audit log", Map.of("agency", agency.toString()));
    }

    public Page list(Did agency, Instant from, Instant to, long fromSequence, int pageSize) {
        if (pageSize < 0 || pageSize > MAX_PAGE) throw IssuerException.invalidField("page_size", "must be 0.." + MAX_PAGE);
        if (from != null && to != null && from.isAfter(to)) throw IssuerException.invalidField("from", "is after to");
        int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        List<AuditEntry> entries = store.page(agency, from, to, fromSequence, size + 1);
        long next = 0;
        if (entries.size() > size) {
            next = entries.get(size).sequence();
            entries = entries.subList(0, size);
        }
        return new Page(List.copyOf(entries), next);
    }

    public Report verify(Did agency) {
        Optional<AuditStore.Anchor> anchor = store.latestAnchor(agency);
        AuditLog.Verification chain = log.verify(agency, anchor.map(a -> Set.of(a.sequence())).orElse(Set.of()));
        if (anchor.isEmpty()) return new Report(chain, null, false);
        ProvenEntry proven = ledger.entry(anchor.get().anchorIndex());
        boolean matches = proven.entry().transaction() instanceof Transaction.AuditAnchoring anchoring
            && anchoring.agency().equals(agency) && anchoring.sequence() == anchor.get().sequence()
            && chain.hashesAt().containsKey(anchoring.sequence())
            && Arrays.equals(anchoring.chainHead().bytes(), chain.hashesAt().get(anchoring.sequence()));
        return new Report(chain, proven, matches);
    }
}
