package org.civitas.identity.agency;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.did.LedgerWriter;
import org.civitas.identity.did.SignedTransactions;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.FieldProblem;
import org.civitas.server.ledger.LedgerClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Agencies and their accreditation: provincial roots onboarded with the national root's grant, agencies onboarded
 * by a provincial root, accreditation requests and the roots' decisions. Every right is checked against the
 * ledger's trust registry on each call. Thread-safe.
 */
public final class AgencyService {

    /** What an onboarding names about the agency. */
    public record Profile(String nameEn, String nameZh, AgencyKind kind, String region) {
        public Profile {
            Objects.requireNonNull(nameEn, "nameEn");
            Objects.requireNonNull(nameZh, "nameZh");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(region, "region");
        }
    }

    /** An onboarded agency with the ledger entries that made it. */
    public record Onboarded(Agency agency, LedgerEntry didEntry, LedgerEntry grantEntry) { }

    /** An agency with its current accreditations. */
    public record AgencyView(Agency agency, List<LedgerClient.Accreditation> accreditations) { }

    /** A decided request, with the grant's entry when approved. */
    public record Decision(AccreditationRequest request, LedgerEntry grantEntry) { }

    private final AgencyStore agencies;
    private final AccreditationRequestStore requests;
    private final TrustRegistry registry;
    private final LedgerWriter ledger;
    private final LedgerHash hashAlgorithm;
    private final Did nationalRoot;
    private final Clock clock;

    public AgencyService(AgencyStore agencies, AccreditationRequestStore requests, TrustRegistry registry,
                         LedgerWriter ledger, LedgerHash hashAlgorithm, Did nationalRoot, Clock clock) {
        this.agencies = agencies;
        this.requests = requests;
        this.registry = registry;
        this.ledger = ledger;
        this.hashAlgorithm = hashAlgorithm;
        this.nationalRoot = nationalRoot;
        this.clock = clock;
    }

    /**
     * Onboards a provincial root: its self-signed did.create and the national root's PROVINCIAL_ROOT grant for it
     * go to the ledger (the grant's signature is the authority), then its record is kept.
     */
    public Onboarded onboardProvincialRoot(Profile profile, SignedTransaction didCreate, SignedTransaction grant) {
        Transaction.DidCreate create = SignedTransactions.selfSignedCreate(didCreate, "did_create_transaction");
        Transaction.AccreditationGrant g = SignedTransactions.grant(grant, "grant_transaction");
        List<FieldProblem> problems = new ArrayList<>();
        if (g.tier() != Transaction.Tier.PROVINCIAL_ROOT) {
            problems.add(new FieldProblem("grant_transaction", "must be of tier PROVINCIAL_ROOT"));
        }
        if (!g.subject().equals(create.did())) {
            problems.add(new FieldProblem("grant_transaction", "must accredit " + create.did() + ", not " + g.subject()));
        }
        if (!g.accreditor().equals(nationalRoot)) {
            problems.add(new FieldProblem("grant_transaction", "must be given by the national root " + nationalRoot));
        }
        if (!problems.isEmpty()) throw mismatch(problems);
        Agency agency = new Agency(create.did(), profile.nameEn(), profile.nameZh(), AgencyKind.PROVINCIAL_ROOT,
            profile.region(), clock.instant(), nationalRoot);
        refuseIfOnboarded(agency);
        LedgerEntry didEntry = ledger.submit(didCreate);
        LedgerEntry grantEntry = ledger.submit(grant);
        return new Onboarded(record(agency), didEntry, grantEntry);
    }

    /** Onboards an agency; the caller must be a provincial root whose grant covers the agency's region. */
    public Onboarded onboardAgency(Did caller, Profile profile, SignedTransaction didCreate) {
        if (profile.kind() == AgencyKind.PROVINCIAL_ROOT) {
            throw IdentityException.invalid("kind", "provincial roots are onboarded with OnboardProvincialRoot");
        }
        requireProvincialRoot(caller);
        if (!registry.rootCovers(caller, "", profile.region())) {
            throw IdentityException.of(Reason.ROOT_NOT_ACCREDITED, caller + " is not a provincial root for region "
                + profile.region() + " and cannot onboard an agency there");
        }
        Transaction.DidCreate create = SignedTransactions.selfSignedCreate(didCreate, "did_create_transaction");
        requireUsableAgencyDocument(create.document());
        Agency agency = new Agency(create.did(), profile.nameEn(), profile.nameZh(), profile.kind(), profile.region(),
            clock.instant(), caller);
        refuseIfOnboarded(agency);
        LedgerEntry didEntry = ledger.submit(didCreate);
        return new Onboarded(record(agency), didEntry, null);
    }

    /** An agency's record and current accreditations. */
    public AgencyView agency(Did did) {
        Agency agency = agencies.find(did).orElseThrow(() -> IdentityException.about(Reason.AGENCY_NOT_FOUND,
            "agency", did.toString(), did + " is not an onboarded agency"));
        return new AgencyView(agency, registry.accreditations(did));
    }

    /** The agency (the caller) asks a provincial root for accreditation. */
    public AccreditationRequest requestAccreditation(Did caller, Did agency, Did root, List<String> types,
                                                     List<String> regions, String justification) {
        if (!caller.equals(agency)) {
            throw IdentityException.of(Reason.NOT_THE_CALLER, "only " + agency + " may ask for its own accreditation");
        }
        if (agencies.find(agency).isEmpty()) {
            throw IdentityException.about(Reason.AGENCY_NOT_FOUND, "agency", agency.toString(),
                agency + " is not an onboarded agency; a provincial root onboards it first");
        }
        if (!registry.isProvincialRoot(root)) {
            throw IdentityException.about(Reason.PROVINCIAL_ROOT_NOT_FOUND, "provincial root", root.toString(),
                root + " is not a provincial root on the ledger");
        }
        for (String type : types) {
            for (String region : regions) {
                if (!registry.rootCovers(root, type, region)) {
                    throw IdentityException.of(Reason.ROOT_CANNOT_GRANT, root + " is not accredited to grant " + type
                        + " in region " + region + "; address the root that is");
                }
            }
        }
        AccreditationRequest request = new AccreditationRequest(requests.newId(), agency, root, types, regions,
            justification, AccreditationRequestState.PENDING, clock.instant(), null, null, -1, null);
        requests.insert(request);
        return request;
    }

    /** Requests addressed to the caller, a provincial root. */
    public AccreditationRequestStore.Page listRequests(Did caller, Did root, AccreditationRequestState state,
                                                       String after, int limit) {
        if (!caller.equals(root)) {
            throw IdentityException.of(Reason.NOT_THE_CALLER, "only " + root + " may list the requests addressed to it");
        }
        return requests.list(root, state, after, limit);
    }

    /**
     * The addressed root approves a request with its signed grant (which must match the request exactly and goes
     * to the ledger), or rejects it with a reason.
     */
    public Decision decide(Did caller, String requestId, SignedTransaction grant, String rejectionReason) {
        AccreditationRequest request = requests.find(requestId).orElseThrow(() -> IdentityException.about(
            Reason.ACCREDITATION_REQUEST_NOT_FOUND, "accreditation request", requestId,
            "no accreditation request " + requestId));
        if (!caller.equals(request.provincialRoot())) {
            throw IdentityException.of(Reason.NOT_THE_CALLER, "only " + request.provincialRoot()
                + " may decide request " + requestId);
        }
        if (grant == null) {
            if (request.state() != AccreditationRequestState.PENDING) throw alreadyDecided(request);
            if (!requests.decide(requestId, AccreditationRequestState.REJECTED, clock.instant(), rejectionReason, -1,
                    null)) {
                throw alreadyDecided(requests.find(requestId).orElse(request));
            }
            return new Decision(requests.find(requestId).orElseThrow(), null);
        }
        requireMatches(SignedTransactions.grant(grant, "grant_transaction"), request);
        String hash = grant.hash(hashAlgorithm).toString();
        // An approved request is answered again only for the grant that approved it (a retry after a crash).
        if (request.state() == AccreditationRequestState.REJECTED
                || (request.state() == AccreditationRequestState.APPROVED && !hash.equals(request.grantHash()))) {
            throw alreadyDecided(request);
        }
        LedgerEntry entry = ledger.submit(grant);
        if (request.state() == AccreditationRequestState.PENDING
                && !requests.decide(requestId, AccreditationRequestState.APPROVED, entry.committedAt(), null,
                    entry.index(), hash)) {
            AccreditationRequest now = requests.find(requestId).orElseThrow();
            if (!hash.equals(now.grantHash())) throw alreadyDecided(now);
        }
        return new Decision(requests.find(requestId).orElseThrow(), entry);
    }

    private void requireProvincialRoot(Did caller) {
        if (!registry.isProvincialRoot(caller)) {
            throw IdentityException.of(Reason.NOT_A_PROVINCIAL_ROOT, caller + " is not a provincial root on the "
                + "ledger; only provincial roots onboard agencies");
        }
    }

    private static void requireMatches(Transaction.AccreditationGrant g, AccreditationRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (g.tier() != Transaction.Tier.AGENCY) {
            problems.add(new FieldProblem("grant_transaction", "must be of tier AGENCY"));
        }
        if (!g.accreditor().equals(request.provincialRoot())) {
            problems.add(new FieldProblem("grant_transaction", "must be given by " + request.provincialRoot()));
        }
        if (!g.subject().equals(request.agency())) {
            problems.add(new FieldProblem("grant_transaction", "must accredit " + request.agency()));
        }
        if (!new HashSet<>(g.credentialTypes()).equals(new HashSet<>(request.credentialTypes()))) {
            problems.add(new FieldProblem("grant_transaction", "must name exactly the requested credential types "
                + request.credentialTypes()));
        }
        if (!new HashSet<>(g.regions()).equals(new HashSet<>(request.regions()))) {
            problems.add(new FieldProblem("grant_transaction", "must name exactly the requested regions "
                + request.regions()));
        }
        if (!problems.isEmpty()) throw mismatch(problems);
    }

    /** An agency calls services with a key under authentication and signs credentials with one under assertionMethod. */
    private static void requireUsableAgencyDocument(DidDocument document) {
        if (document.relationship(Relationship.AUTHENTICATION).isEmpty()
                || document.relationship(Relationship.ASSERTION_METHOD).isEmpty()) {
            throw IdentityException.invalid("did_create_transaction", "the agency's document needs a key under "
                + "authentication (to call services) and one under assertionMethod (to issue)");
        }
    }

    /** Refuses a DID onboarded before, unless it is this same onboarding (a retry after a crash). */
    private void refuseIfOnboarded(Agency agency) {
        agencies.find(agency.did()).ifPresent(existing -> {
            if (!sameProfile(existing, agency)) throw onboardedBefore(agency.did());
        });
    }

    private Agency record(Agency agency) {
        if (agencies.insert(agency)) return agency;
        Agency existing = agencies.find(agency.did()).orElseThrow();
        if (!sameProfile(existing, agency)) throw onboardedBefore(agency.did());
        return existing;
    }

    private static boolean sameProfile(Agency a, Agency b) {
        return a.nameEn().equals(b.nameEn()) && a.nameZh().equals(b.nameZh()) && a.kind() == b.kind()
            && a.region().equals(b.region()) && a.onboardedBy().equals(b.onboardedBy());
    }

    private static IdentityException onboardedBefore(Did did) {
        return IdentityException.about(Reason.AGENCY_ALREADY_ONBOARDED, "agency", did.toString(),
            did + " is already an onboarded agency");
    }

    private static IdentityException alreadyDecided(AccreditationRequest request) {
        return IdentityException.about(Reason.ALREADY_DECIDED, "accreditation request", request.id(),
            "request " + request.id() + " was already " + request.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static IdentityException mismatch(List<FieldProblem> problems) {
        return IdentityException.fields(Reason.TRANSACTION_MISMATCH, problems);
    }
}
