package org.civitas.issuer.issuance;

import io.grpc.StatusRuntimeException;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.type.CredentialType;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ledger must say before a credential is issued, with short caches so that a batch costs a few ledger
 * reads rather than one per item:
 * <ul>
 *   <li>the caller holds an active AGENCY accreditation for the type and region, granted by a provincial root whose
 *       own accreditation covers them (allowed answers kept {@link #ALLOWED_FOR}, refusals {@link #REFUSED_FOR});</li>
 *   <li>the subject is an enrolled citizen: a did:civitas DID on the ledger, not deactivated, with a key under
 *       authentication (the DID resolver keeps documents 10 s);</li>
 *   <li>the type version's schema is registered on the ledger with the catalogue's digest; on an agency's first
 *       use of a type version nobody registered yet, the agency registers it (signed by its issuing key).</li>
 * </ul>
 * Thread-safe.
 */
public final class IssuanceChecks {

    static final Duration ALLOWED_FOR = Duration.ofSeconds(30);
    static final Duration REFUSED_FOR = Duration.ofSeconds(5);

    private record Verdict(boolean allowed, Instant until) { }

    private record AccreditationKey(Did agency, String type, String region) { }

    private final IssuerLedger ledger;
    private final DidResolver resolver;
    private final Clock clock;
    private final Map<AccreditationKey, Verdict> accreditations = new ConcurrentHashMap<>();
    /** Citizens found enrolled, until when (the resolver's own freshness): a batch resolves each holder once. */
    private final Map<Did, Instant> enrolled = new ConcurrentHashMap<>();
    private final Map<String, Digest> registeredSchemas = new ConcurrentHashMap<>();

    public IssuanceChecks(IssuerLedger ledger, DidResolver resolver, Clock clock) {
        this.ledger = ledger;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** @throws IssuerException TYPE_NOT_ACCREDITED, LEDGER_UNAVAILABLE */
    public void requireAccredited(Did agency, String type, String region) {
        Instant now = clock.instant();
        AccreditationKey key = new AccreditationKey(agency, type, region);
        Verdict verdict = accreditations.get(key);
        if (verdict == null || !verdict.until().isAfter(now)) {
            boolean allowed = isAccredited(agency, type, region, now);
            verdict = new Verdict(allowed, now.plus(allowed ? ALLOWED_FOR : REFUSED_FOR));
            if (accreditations.size() > 100_000) accreditations.clear();
            accreditations.put(key, verdict);
        }
        if (!verdict.allowed()) {
            throw IssuerException.of(Reason.TYPE_NOT_ACCREDITED, agency + " is not accredited on the ledger to issue "
                + type + " in region " + region + "; ask its provincial root to accredit it",
                Map.of("agency", agency.toString(), "credentialType", type, "region", region));
        }
    }

    private boolean isAccredited(Did agency, String type, String region, Instant now) {
        for (LedgerClient.Accreditation a : ledger.accreditations(agency, type, region, now)) {
            if ("AGENCY".equals(a.tier()) && activeAt(a, now) && rootCovers(a.accreditor(), type, region, now)) {
                return true;
            }
        }
        return false;
    }

    private boolean rootCovers(Did root, String type, String region, Instant now) {
        for (LedgerClient.Accreditation a : ledger.accreditations(root, type, region, now)) {
            if ("PROVINCIAL_ROOT".equals(a.tier()) && activeAt(a, now) && a.accreditor().equals(ledger.nationalRoot())) {
                return true;
            }
        }
        return false;
    }

    static boolean activeAt(LedgerClient.Accreditation a, Instant now) {
        return !a.validFrom().isAfter(now) && (a.validUntil() == null || a.validUntil().isAfter(now))
            && (a.withdrawnAt() == null || a.withdrawnAt().isAfter(now));
    }

    /** @throws IssuerException SUBJECT_NOT_FOUND, LEDGER_UNAVAILABLE */
    public void requireEnrolledCitizen(Did subject) {
        if (!CivitasDid.isCivitas(subject)) {
            throw IssuerException.about(Reason.SUBJECT_NOT_FOUND, "did", subject.toString(),
                "the subject must be an enrolled citizen's did:civitas DID, not " + subject.method());
        }
        Instant now = clock.instant();
        Instant until = enrolled.get(subject);
        if (until != null && until.isAfter(now)) return;
        DidDocument document;
        try {
            document = resolver.resolve(subject, now);
        } catch (ResolutionException e) {
            if (e.kind() == ResolutionException.Kind.UNAVAILABLE) {
                throw IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger cannot resolve the subject now; retry");
            }
            throw IssuerException.about(Reason.SUBJECT_NOT_FOUND, "did", subject.toString(), subject
                + (e.kind() == ResolutionException.Kind.DEACTIVATED ? " is deactivated" : " is not on the ledger")
                + ": credentials are issued only to enrolled citizens");
        }
        if (document.relationship(Relationship.AUTHENTICATION).isEmpty()) {
            throw IssuerException.about(Reason.SUBJECT_NOT_FOUND, "did", subject.toString(), subject
                + " has no authentication key: it is not an enrolled citizen's wallet DID");
        }
        if (enrolled.size() > 100_000) enrolled.clear();
        enrolled.put(subject, now.plus(org.civitas.server.ledger.LedgerDidResolver.FRESHNESS));
    }

    /** @throws IssuerException SCHEMA_CONFLICT, LEDGER_UNAVAILABLE */
    public void requireSchemaRegistered(CredentialType type, AgencySigners.Signers signers) {
        String key = type.id() + " " + type.version();
        Digest known = registeredSchemas.get(key);
        if (known == null) {
            known = ledger.registeredSchema(type.id(), type.version()).orElse(null);
            if (known == null) known = register(type, signers);
            registeredSchemas.put(key, known);
        }
        if (!known.equals(type.schemaDigest())) {
            registeredSchemas.remove(key);
            throw IssuerException.of(Reason.SCHEMA_CONFLICT, type.id() + " version " + type.version()
                + " is registered on the ledger with another schema digest than this service's catalogue; publish the "
                + "schema under a new version", Map.of("credentialType", type.id(), "version", type.version()));
        }
    }

    private Digest register(CredentialType type, AgencySigners.Signers signers) {
        AgencySigners.Signer signer = signers.primary();
        SignedTransaction tx = SignedTransaction.sign(new Transaction.SchemaRegistration(signers.agency(), type.id(),
            type.version(), type.schemaDigest(), UUID.randomUUID().toString()), Map.of(signer.methodId(), signer.key()));
        try {
            ledger.submit(tx);
            return type.schemaDigest();
        } catch (StatusRuntimeException e) {
            // another agency registered it meanwhile: read what the ledger holds
            return ledger.registeredSchema(type.id(), type.version()).orElseThrow(() -> IssuerException.of(
                Reason.LEDGER_UNAVAILABLE, "the ledger refused to register " + type.id() + " " + type.version() + ": "
                    + e.getStatus().getDescription()));
        }
    }

    /** Forgets cached verdicts (tests and operators after a registry change). */
    public void forget() {
        accreditations.clear();
    }
}
