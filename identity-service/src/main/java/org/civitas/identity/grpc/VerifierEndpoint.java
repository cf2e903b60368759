package org.civitas.identity.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.verifier.OnlineTrust;
import org.civitas.identity.verifier.PresentationChallenges;
import org.civitas.identity.verifier.RedisChallengeRegistry;
import org.civitas.proto.verifier.v1.Check;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeRequest;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeResponse;
import org.civitas.proto.verifier.v1.Outcome;
import org.civitas.proto.verifier.v1.VerificationResult;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.proto.verifier.v1.VerifyPresentationRequest;
import org.civitas.proto.verifier.v1.VerifyPresentationResponse;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.policy.CounterPolicies;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.server.FieldProblem;
import org.civitas.server.auth.Caller;
import org.civitas.server.idempotency.IdempotentRequests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gRPC edge of {@code civitas.verifier.v1.Verifier}, the online verifier. It lives in identity-service, not in
 * credential-issuer, so that issuers never see who was verified, and it verifies exactly as an offline counter
 * does: the SDK's {@link Verifier} over the trust bundle held ({@link OnlineTrust}), with interactive challenges
 * single-use across replicas ({@link PresentationChallenges} in Redis).
 */
@Singleton
public class VerifierEndpoint extends VerifierGrpc.VerifierImplBase {

    static final java.time.Duration DEFAULT_TTL = java.time.Duration.ofMinutes(2);
    static final java.time.Duration MIN_TTL = java.time.Duration.ofSeconds(10);
    static final java.time.Duration MAX_TTL = java.time.Duration.ofMinutes(10);
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_PRESENTATION = 64 * 1024;

    /** The verifier built for the bundle held: it caches per-bundle work such as compiled schemas. */
    private record Current(TrustBundle bundle, Verifier verifier) { }

    private final PresentationChallenges challenges;
    private final OnlineTrust trust;
    private final IdempotentRequests idempotency;
    private final Clock clock;
    private final AtomicReference<Current> current = new AtomicReference<>();

    public VerifierEndpoint(PresentationChallenges challenges, OnlineTrust trust, IdempotentRequests idempotency,
                            Clock clock) {
        this.challenges = challenges;
        this.trust = trust;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public void createPresentationChallenge(CreatePresentationChallengeRequest request,
                                            StreamObserver<CreatePresentationChallengeResponse> out) {
        String caller = authenticated();
        List<FieldProblem> problems = new ArrayList<>();
        Protos.text(problems, request.getRequestId(), "request_id", Protos.MAX_NAME, true);
        Protos.text(problems, request.getDomain(), "domain", MAX_DOMAIN, true);
        VerifierPolicy policy = policy(request.getPolicy(), problems);
        java.time.Duration ttl = request.hasTtl() ? java.time.Duration.ofSeconds(request.getTtl().getSeconds(),
            request.getTtl().getNanos()) : DEFAULT_TTL;
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            problems.add(new FieldProblem("ttl", "must be between 10 s and 10 min (unset: 2 min)"));
        }
        Protos.throwIfAny(problems);
        out.onNext(idempotency.once("CreatePresentationChallenge|" + caller, request.getRequestId(), request,
            CreatePresentationChallengeResponse.parser(), () -> {
                PresentationChallenges.Open open = challenges.open(request.getDomain().trim(), policy.name(), ttl);
                ChallengeQr qr = new ChallengeQr(open.challenge(), open.domain(),
                    List.copyOf(policy.acceptedTypes()), open.expiresAt());
                return CreatePresentationChallengeResponse.newBuilder()
                    .setChallenge(open.challenge())
                    .setDomain(open.domain())
                    .setExpiresAt(Protos.timestamp(open.expiresAt()))
                    .setChallengeQrText(qr.encode())
                    .build();
            }));
        out.onCompleted();
    }

    @Override
    public void verifyPresentation(VerifyPresentationRequest request, StreamObserver<VerifyPresentationResponse> out) {
        String caller = authenticated();
        List<FieldProblem> problems = new ArrayList<>();
        Protos.text(problems, request.getRequestId(), "request_id", Protos.MAX_NAME, true);
        String input = switch (request.getPresentationCase()) {
            case PRESENTATION_JSON -> request.getPresentationJson();
            case QR_TEXT -> request.getQrText();
            default -> null;
        };
        if (input == null || input.isEmpty()) {
            problems.add(new FieldProblem("presentation", "give presentation_json or qr_text"));
        } else if (input.length() > MAX_PRESENTATION) {
            problems.add(new FieldProblem("presentation", "is longer than " + MAX_PRESENTATION + " characters"));
        }
        VerifierPolicy named = policy(request.getPolicy(), problems);
        boolean interactive = !request.getChallenge().isEmpty();
        if (interactive && request.getDomain().isEmpty()) {
            problems.add(new FieldProblem("domain", "is required with a challenge: the domain the challenge was made for"));
        }
        Protos.throwIfAny(problems);
        VerifierPolicy policy = interactive ? named.expecting(request.getChallenge(), request.getDomain()) : named;
        out.onNext(idempotency.once("VerifyPresentation|" + caller, request.getRequestId(), request,
            VerifyPresentationResponse.parser(), () -> {
                Current now = verifier();
                // decoded once: the verifier checks it and the answer names its type, issuer and holder
                ObjectNode document = parse(input);
                org.civitas.sdk.VerificationResult result = document == null
                    ? now.verifier().verify(input, policy, clock)      // answers FORMAT with the reason
                    : now.verifier().verify(document, policy, clock);
                return VerifyPresentationResponse.newBuilder().setResult(toProto(result, document, clock.instant()))
                    .build();
            }));
        out.onCompleted();
    }

    private Current verifier() {
        TrustBundle bundle = trust.current().orElseThrow(() -> IdentityException.of(Reason.TRUST_BUNDLE_UNAVAILABLE,
            "the online verifier holds no trust bundle yet: it fetches one from credential-issuer every few "
                + "seconds; retry shortly, or check that the bundle publisher is configured"));
        Current held = current.get();
        if (held != null && held.bundle() == bundle) return held;
        Current built = new Current(bundle, Verifier.builder().trust(bundle).clock(clock)
            .challenges(new RedisChallengeRegistry(challenges)).build());
        current.set(built);
        return built;
    }

    private static VerifierPolicy policy(String name, List<FieldProblem> problems) {
        try {
            return CounterPolicies.named(name);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("policy", "must be one of " + CounterPolicies.NAMES));
            return null;
        }
    }

    static VerificationResult toProto(org.civitas.sdk.VerificationResult result, ObjectNode document, Instant at) {
        VerificationResult.Builder proto = VerificationResult.newBuilder()
            .setAccepted(result.accepted())
            .setVerifiedAt(Protos.timestamp(at));
        for (org.civitas.sdk.Check check : result.checks()) {
            proto.addChecks(Check.newBuilder().setId(check.id().name()).setOutcome(switch (check.outcome()) {
                case PASSED -> Outcome.PASSED;
                case FAILED -> Outcome.FAILED;
                case SKIPPED -> Outcome.SKIPPED;
            }).setReasonEn(check.reason().en()).setReasonZh(check.reason().zh()));
        }
        if (document == null) return proto.build();
        if (document.hasNonNull("holder")) proto.setHolderDid(document.get("holder").asText());
        JsonNode credential = document.path("verifiableCredential");
        credential = credential.isArray() ? credential.path(0) : credential.isObject() ? credential : document;
        JsonNode types = credential.path("type");
        for (JsonNode type : types) {
            if (!type.asText().equals("VerifiableCredential")) proto.setCredentialType(type.asText());
        }
        JsonNode issuer = credential.path("issuer");
        proto.setIssuerDid(issuer.isObject() ? issuer.path("id").asText() : issuer.asText());
        if (proto.getHolderDid().isEmpty() && credential.path("credentialSubject").path("id").isTextual()) {
            proto.setHolderDid(credential.get("credentialSubject").get("id").asText());   // holder is optional
        }
        if (credential.path("credentialSubject").isObject()) {
            // only what an accepted presentation disclosed is handed back as claims
            if (result.accepted()) proto.setDisclosedClaimsJson(credential.get("credentialSubject").toString());
        }
        return proto.build();
    }

    private static ObjectNode parse(String input) {
        try {
            return input.startsWith(QrCodec.PREFIX) ? QrCodec.decode(input) : IJson.parseObject("input", input);
        } catch (FormatException e) {
            return null;
        }
    }

    private static String authenticated() {
        if (Caller.current() instanceof Caller.Authenticated a) return a.did().toString();
        throw IdentityException.of(Reason.CALLER_UNAUTHENTICATED, "the verifier needs a caller: send 'authorization: "
            + "Bearer <service token>' signed by a key under authentication in your DID document");
    }
}
