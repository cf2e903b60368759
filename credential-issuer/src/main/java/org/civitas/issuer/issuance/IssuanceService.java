package org.civitas.issuer.issuance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.status.CredentialState;
import org.civitas.issuer.status.StatusLists;
import org.civitas.issuer.status.StatusSlot;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.issuer.type.CredentialType;
import org.civitas.issuer.type.CredentialTypes;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.jcs.IJson;
import org.civitas.server.FieldProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Issues credentials: checks the order (type, claims against the type's schema, dates, region), asks the ledger
 * whether the caller may issue it and whether the subject is an enrolled citizen, allocates status slots, signs the
 * VC with the type's proof set and hands it to the {@link CredentialWriter}. Issuance is idempotent on the
 * caller's request id: the credential's id derives from (issuer, request id), so a retry finds the stored
 * credential and gets it back when its content matches (ALREADY_EXISTS otherwise), whether the first attempt is
 * still being written, finished, or was refused since. Thread-safe.
 */
public final class IssuanceService {

    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    static final int MAX_REQUEST_ID = 200;

    private final CredentialTypes types;
    private final IssuanceChecks checks;
    private final AgencySigners signers;
    private final StatusLists statusLists;
    private final CredentialStore store;
    private final CredentialWriter writer;
    private final Executor signing;
    private final Clock clock;

    public IssuanceService(CredentialTypes types, IssuanceChecks checks, AgencySigners signers, StatusLists statusLists,
                           CredentialStore store, CredentialWriter writer, Executor signing, Clock clock) {
        this.types = types;
        this.checks = checks;
        this.signers = signers;
        this.statusLists = statusLists;
        this.store = store;
        this.writer = writer;
        this.signing = signing;
        this.clock = clock;
    }

    /** Issues one credential on the calling thread and waits until it is stored. */
    public IssuedCredential issue(Did caller, IssuanceOrder order) {
        try {
            return store(caller, order, sign(caller, order)).get();
        } catch (IssuerException e) {
            return answerFromStore(caller, order, e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "interrupted; retry with the same request_id");
        }
    }

    /** Issues one credential of a batch: signs on the signing pool, completes once it is stored or refused. */
    public CompletableFuture<IssuedCredential> issueAsync(Did caller, IssuanceOrder order) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sign(caller, order);
            } catch (IssuerException e) {
                return answerFromStore(caller, order, e);
            }
        }, signing).thenCompose(signed -> signed.group() != null ? CompletableFuture.completedFuture(signed)
            : store(caller, order, signed));
    }

    /** The credential id an issuer's request id leads to: {@code urn:uuid:} of a name-based UUID (RFC 9562 §5.8). */
    public static String credentialId(Did issuer, String requestId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((issuer + "\u0000" + requestId).getBytes(StandardCharsets.UTF_8));
            digest[6] = (byte) ((digest[6] & 0x0F) | 0x80);       // version 8
            digest[8] = (byte) ((digest[8] & 0x3F) | 0x80);       // variant 10
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) high = (high << 8) | (digest[i] & 0xFF);
            for (int i = 8; i < 16; i++) low = (low << 8) | (digest[i] & 0xFF);
            return "urn:uuid:" + new UUID(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the order and signs the credential; a refusal is an {@link IssuerException}. */
    IssuedCredential sign(Did caller, IssuanceOrder order) {
        if (order.requestId().isEmpty() || order.requestId().length() > MAX_REQUEST_ID) {
            throw IssuerException.invalidField("request_id", "is required, at most " + MAX_REQUEST_ID + " characters");
        }
        CredentialType type = types.find(order.credentialType(), order.typeVersion()).orElseThrow(() ->
            IssuerException.about(Reason.TYPE_NOT_FOUND, "credential type", order.credentialType()
                + (order.typeVersion().isEmpty() ? "" : " " + order.typeVersion()), "no credential type "
                + order.credentialType() + (order.typeVersion().isEmpty() ? "" : " version " + order.typeVersion())
                + " in the catalogue; ListCredentialTypes shows them"));
        if (type.retired()) {
            throw IssuerException.about(Reason.TYPE_RETIRED, "credential type", type.id() + " " + type.version(),
                type.id() + " version " + type.version() + " is retired; issue the current version");
        }
        Did subject = subject(order.subjectDid());
        if (!REGION.matcher(order.region()).matches()) {
            throw IssuerException.invalidField("region", "must be a six-digit GB/T 2260 region code");
        }
        ObjectNode claims = claims(type, order.claimsJson());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant validFrom = order.validFrom() == null ? now : order.validFrom();
        Instant validUntil = order.validUntil() == null ? validFrom.plus(type.defaultValidity()) : order.validUntil();
        if (!validUntil.isAfter(validFrom)) {
            throw IssuerException.invalidField("valid_until", "must be after valid_from");
        }
        checks.requireAccredited(caller, type.id(), order.region());
        checks.requireEnrolledCitizen(subject);
        AgencySigners.Signers agency = signers.of(caller);
        checks.requireSchemaRegistered(type, agency);
        String id = credentialId(caller, order.requestId());
        List<StatusSlot> slots = statusLists.allocate(caller);
        try {
            ObjectNode vc = CredentialSigner.sign(new CredentialSigner.Draft(id, type, caller, subject, claims,
                order.region(), validFrom, validUntil, slots), agency, now);
            return new IssuedCredential(id, caller, subject, type.id(), type.version(), order.region(),
                order.requestId(), order.fingerprint(), vc.toString(), now, validFrom, validUntil,
                CredentialState.ACTIVE, slots.get(0), slots.get(1), null, null);
        } catch (RuntimeException e) {
            statusLists.release(slots, caller);
            throw e;
        }
    }

    private CompletableFuture<IssuedCredential> store(Did caller, IssuanceOrder order, IssuedCredential signed) {
        return writer.write(signed).thenApply(written -> {
            if (written.isPresent()) return written.get();
            statusLists.release(List.of(signed.revocation(), signed.suspension()), caller);
            return stored(caller, order).orElseThrow(() -> new IllegalStateException("a duplicate credential vanished"));
        });
    }

    /** After a refusal: the first answer if this request was issued before, else the refusal. */
    private IssuedCredential answerFromStore(Did caller, IssuanceOrder order, IssuerException refusal) {
        if (order.requestId().isEmpty() || order.requestId().length() > MAX_REQUEST_ID) throw refusal;
        return stored(caller, order).orElseThrow(() -> refusal);
    }

    /** The credential stored for this caller's request id, if its content matches; ALREADY_EXISTS if not. */
    private Optional<IssuedCredential> stored(Did caller, IssuanceOrder order) {
        Optional<IssuedCredential> stored = store.find(credentialId(caller, order.requestId()));
        if (stored.isPresent() && !stored.get().fingerprint().equals(order.fingerprint())) {
            throw IssuerException.invalid(Reason.REQUEST_ID_REUSED, "request_id " + order.requestId() + " was already "
                + "used for a different credential; use a new id for new content",
                List.of(new FieldProblem("request_id", "already used for other content")));
        }
        return stored;
    }

    private static Did subject(String text) {
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw IssuerException.invalidField("subject_did", "is not a DID: " + e.getMessage());
        }
    }

    private ObjectNode claims(CredentialType type, String json) {
        ObjectNode claims;
        try {
            claims = IJson.parseObject("claims_json", json);
        } catch (FormatException e) {
            throw IssuerException.invalid(Reason.CLAIMS_INVALID, "claims_json is not an I-JSON object",
                List.of(new FieldProblem("claims_json", "must be a JSON object (I-JSON, RFC 7493)")));
        }
        List<FieldProblem> problems = types.schema(type).problems(claims);
        if (!problems.isEmpty()) {
            throw IssuerException.invalid(Reason.CLAIMS_INVALID, problems.size() + " claim(s) fail the schema of "
                + type.id() + " " + type.version() + "; see the field violations", problems);
        }
        return claims;
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException c && c.getCause() != null) cause = c.getCause();
        if (cause instanceof RuntimeException r) return r;
        return new IllegalStateException(cause);
    }
}
