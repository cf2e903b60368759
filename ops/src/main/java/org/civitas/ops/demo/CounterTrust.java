package org.civitas.ops.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.StatusRuntimeException;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.proto.identity.v1.ResolveDidResponse;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetStatusListRequest;
import org.civitas.proto.issuer.v1.GetStatusListResponse;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Reason;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.server.ledger.LedgerProtos;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the demo's counter trusts, and its verification: <b>the seam where the signed trust bundle goes</b>.
 *
 * <p>Today it is the SDK's {@link Verifier} with DID documents from identity-service's {@code ResolveDid} (each
 * answer's ledger proof checked against the genesis) and status lists from credential-issuer's
 * {@code GetStatusList} (each list's digest checked against its proven {@code statuslist.anchor}). {@link #load}
 * stands for downloading a bundle: the status lists the counter has are those it fetched then (or on first
 * sight); {@link #refresh} stands for taking a delta: every list it holds is fetched again. DID documents are
 * still resolved on demand, so this seam is online where the bundle will be offline.
 *
 * <p>Once {@code org.civitas.sdk.trust.TrustBundle} and {@code Verifier.verify(input, policy, clock)} are on main,
 * only this class changes: {@link #load} becomes {@code TrustBundle.load(GetTrustBundle bytes, anchors, now)},
 * {@link #refresh} becomes {@code bundle.applyDelta(GetTrustBundleDelta bytes, now)}, {@link #verify} becomes
 * {@code verifier.verify(qr, CounterPolicies.housingOffice().expecting(challenge, domain), clock)}, and
 * {@link #describe} names the bundle version. Thread-safe.
 */
final class CounterTrust {

    private final IdentityGrpc.IdentityBlockingStub identity;
    private final CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer;
    private final LedgerTrust ledger;
    private final Clock clock;
    private final Map<String, Fetched> lists = new ConcurrentHashMap<>();

    /** A status list as the counter holds it, with the anchored version it checked it against. */
    private record Fetched(ObjectNode credential, long version) { }

    private CounterTrust(IdentityGrpc.IdentityBlockingStub identity,
                         CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer, LedgerTrust ledger, Clock clock) {
        this.identity = identity;
        this.issuer = issuer;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The counter's trust data as it would download it while online (the bundle's stand-in). */
    static CounterTrust load(IdentityGrpc.IdentityBlockingStub identity,
                             CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer, LedgerTrust ledger, Clock clock) {
        return new CounterTrust(identity, issuer, ledger, clock);
    }

    /** Takes what changed since the last load (the delta's stand-in): every status list held is fetched again. */
    void refresh() {
        for (String url : List.copyOf(lists.keySet())) lists.put(url, fetch(url));
    }

    /** One line on what the counter verifies with, for the narration. */
    String describe() {
        return "status lists held: " + lists.size() + (lists.isEmpty() ? "" : " (versions "
            + lists.values().stream().map(f -> Long.toString(f.version())).sorted().toList() + ")")
            + "; DID documents resolved through identity-service with their ledger proofs";
    }

    /** Verifies a presentation's CIV1 QR text answering the counter's challenge. */
    VerificationResult verify(String qrText, String challenge, String domain) {
        ObjectNode presentation;
        try {
            presentation = QrCodec.decode(qrText);
        } catch (FormatException e) {
            return new VerificationResult(List.of(Check.failed(CheckId.FORMAT, Reason.of(
                "Not a Civitas presentation QR: " + e.getMessage(), "不是 Civitas 表示二维码：" + e.getMessage()))));
        }
        Verifier verifier = Verifier.builder()
            .resolver(DidResolver.firstOf(DidKey.resolver(), this::resolve))
            .statusLists(url -> Optional.ofNullable(lists.computeIfAbsent(url, this::fetchOrNull))
                .map(f -> f.credential().deepCopy()))
            .clock(clock)
            .build();
        return verifier.verify(presentation, new Verifier.Request(challenge, domain));
    }

    private DidDocument resolve(Did did, java.time.Instant asOf) throws ResolutionException {
        if (!did.method().equals("civitas")) {
            throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED, "not did:civitas");
        }
        ResolveDidRequest.Builder request = ResolveDidRequest.newBuilder().setDid(did.toString());
        if (asOf != null) request.setAsOf(LedgerProtos.timestamp(asOf));
        ResolveDidResponse response;
        try {
            response = identity.resolveDid(request.build());
        } catch (StatusRuntimeException e) {
            throw new ResolutionException(switch (e.getStatus().getCode()) {
                case NOT_FOUND -> ResolutionException.Kind.NOT_FOUND;
                case INVALID_ARGUMENT -> ResolutionException.Kind.INVALID;
                default -> ResolutionException.Kind.UNAVAILABLE;
            }, "identity-service: " + e.getStatus().getDescription());
        }
        try {
            ProvenEntry proof = LedgerProtos.fromProto(response.getProof());
            ProvenEntry.Verdict verdict = proof.check(ledger);
            if (!verdict.proven()) {
                throw new ResolutionException(ResolutionException.Kind.UNAVAILABLE,
                    "the ledger proof of " + did + " does not check out: " + verdict.reason().en());
            }
            DidDocument document = DidDocument.parse(response.getDidDocumentJson());
            if (!document.id().equals(did)) {
                throw new ResolutionException(ResolutionException.Kind.INVALID, "answered a document of " + document.id());
            }
            if (response.getMetadata().getDeactivated()) {
                throw new ResolutionException(ResolutionException.Kind.DEACTIVATED, did + " is deactivated");
            }
            return document;
        } catch (FormatException e) {
            throw new ResolutionException(ResolutionException.Kind.INVALID, e.getMessage());
        }
    }

    private Fetched fetchOrNull(String url) {
        try {
            return fetch(url);
        } catch (RuntimeException unavailable) {
            return null;     // the verifier then reports the status as not checkable, with the list's URL
        }
    }

    /** A signed status list whose JCS digest matches its proven ledger anchor. */
    private Fetched fetch(String url) {
        GetStatusListResponse response = issuer.getStatusList(GetStatusListRequest.newBuilder().setStatusListId(url).build());
        try {
            ObjectNode credential = IJson.parseObject("status list", response.getStatusListCredentialJson());
            ProvenEntry anchor = LedgerProtos.fromProto(response.getAnchor().getEntry());
            ProvenEntry.Verdict verdict = anchor.check(ledger);
            if (!verdict.proven()) throw new IllegalStateException("anchor of " + url + ": " + verdict.reason().en());
            if (!(anchor.entry().transaction() instanceof Transaction.StatusListAnchoring anchored)
                    || !anchored.listId().equals(url)
                    || !Arrays.equals(anchored.digest().bytes(), ledger.hash().digest(Jcs.canonicalize(credential)))) {
                throw new IllegalStateException("the status list " + url + " is not the one anchored on the ledger");
            }
            return new Fetched(credential, anchored.version());
        } catch (FormatException e) {
            throw new IllegalStateException("malformed status list " + url + ": " + e.getMessage(), e);
        }
    }
}
