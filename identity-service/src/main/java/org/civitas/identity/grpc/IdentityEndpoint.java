package org.civitas.identity.grpc;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.agency.AccreditationRequestStore;
import org.civitas.identity.agency.AgencyService;
import org.civitas.identity.challenge.Challenge;
import org.civitas.identity.citizen.CitizenCaller;
import org.civitas.identity.device.DeviceService;
import org.civitas.identity.device.DeviceSignature;
import org.civitas.identity.device.FirebaseAccounts;
import org.civitas.identity.device.PushTokens;
import org.civitas.identity.did.ResolutionService;
import org.civitas.identity.enrolment.Enrolment;
import org.civitas.identity.enrolment.EnrolmentService;
import org.civitas.proto.identity.v1.BindDeviceRequest;
import org.civitas.proto.identity.v1.BindDeviceResponse;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.DecideAccreditationRequestRequest;
import org.civitas.proto.identity.v1.DecideAccreditationRequestResponse;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.EnrolCitizenResponse;
import org.civitas.proto.identity.v1.GetAgencyRequest;
import org.civitas.proto.identity.v1.GetAgencyResponse;
import org.civitas.proto.identity.v1.GetCitizenRequest;
import org.civitas.proto.identity.v1.GetCitizenResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.LinkFirebaseAccountRequest;
import org.civitas.proto.identity.v1.LinkFirebaseAccountResponse;
import org.civitas.proto.identity.v1.ListAccreditationRequestsRequest;
import org.civitas.proto.identity.v1.ListAccreditationRequestsResponse;
import org.civitas.proto.identity.v1.OnboardAgencyRequest;
import org.civitas.proto.identity.v1.OnboardAgencyResponse;
import org.civitas.proto.identity.v1.OnboardProvincialRootRequest;
import org.civitas.proto.identity.v1.OnboardProvincialRootResponse;
import org.civitas.proto.identity.v1.RegisterPushTokenRequest;
import org.civitas.proto.identity.v1.RegisterPushTokenResponse;
import org.civitas.proto.identity.v1.RequestAccreditationRequest;
import org.civitas.proto.identity.v1.RequestAccreditationResponse;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.proto.identity.v1.ResolveDidResponse;
import org.civitas.proto.identity.v1.RevokeDeviceRequest;
import org.civitas.proto.identity.v1.RevokeDeviceResponse;
import org.civitas.proto.identity.v1.RotateDeviceKeyRequest;
import org.civitas.proto.identity.v1.RotateDeviceKeyResponse;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.auth.Caller;
import org.civitas.server.idempotency.IdempotentRequests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The gRPC edge of {@code civitas.identity.v1.Identity}: maps requests to domain orders (every malformed field a
 * field violation), establishes the caller (service token, or Firebase sign-in for citizens), makes writes
 * idempotent on request_id (scoped by rpc and caller), and maps answers back. Logic lives in the domain services.
 */
@Singleton
public class IdentityEndpoint extends IdentityGrpc.IdentityImplBase {

    private final AgencyService agencies;
    private final EnrolmentService enrolment;
    private final DeviceService devices;
    private final PushTokens pushTokens;
    private final FirebaseAccounts firebase;
    private final ResolutionService resolutions;
    private final IdempotentRequests idempotency;
    private final LedgerHash hash;
    private final ResolutionMapper resolutionMapper;
    private final Executor blocking;
    private final Clock clock;

    public IdentityEndpoint(AgencyService agencies, EnrolmentService enrolment, DeviceService devices,
                            PushTokens pushTokens, FirebaseAccounts firebase, ResolutionService resolutions,
                            IdempotentRequests idempotency, LedgerHash hash,
                            @Named(TaskExecutors.IO) ExecutorService blocking, Clock clock) {
        this.agencies = agencies;
        this.enrolment = enrolment;
        this.devices = devices;
        this.pushTokens = pushTokens;
        this.firebase = firebase;
        this.resolutions = resolutions;
        this.idempotency = idempotency;
        this.hash = hash;
        this.resolutionMapper = new ResolutionMapper(hash);
        this.blocking = blocking;
        this.clock = clock;
    }

    // --- agencies ---

    @Override
    public void onboardProvincialRoot(OnboardProvincialRootRequest request,
                                      StreamObserver<OnboardProvincialRootResponse> out) {
        AgencyService.Profile profile = AgencyMapper.profile(request);
        SignedTransaction create = Protos.transaction(request.getDidCreateTransaction(),
            request.hasDidCreateTransaction(), "did_create_transaction");
        SignedTransaction grant = Protos.transaction(request.getGrantTransaction(), request.hasGrantTransaction(),
            "grant_transaction");
        String scope = create.transaction() instanceof Transaction.DidCreate c ? c.did().toString() : "unknown";
        reply(out, once("OnboardProvincialRoot", scope, request.getRequestId(), request,
            OnboardProvincialRootResponse.parser(), key -> {
                AgencyService.Onboarded done = agencies.onboardProvincialRoot(profile, create, grant);
                return OnboardProvincialRootResponse.newBuilder().setAgency(AgencyMapper.toProto(done.agency()))
                    .setDidEntry(Protos.entry(done.didEntry(), hash))
                    .setGrantEntry(Protos.entry(done.grantEntry(), hash)).build();
            }));
    }

    @Override
    public void onboardAgency(OnboardAgencyRequest request, StreamObserver<OnboardAgencyResponse> out) {
        Did caller = authenticated();
        AgencyService.Profile profile = AgencyMapper.profile(request);
        SignedTransaction create = Protos.transaction(request.getDidCreateTransaction(),
            request.hasDidCreateTransaction(), "did_create_transaction");
        reply(out, once("OnboardAgency", caller.toString(), request.getRequestId(), request,
            OnboardAgencyResponse.parser(), key -> {
                AgencyService.Onboarded done = agencies.onboardAgency(caller, profile, create);
                return OnboardAgencyResponse.newBuilder().setAgency(AgencyMapper.toProto(done.agency()))
                    .setDidEntry(Protos.entry(done.didEntry(), hash)).build();
            }));
    }

    @Override
    public void getAgency(GetAgencyRequest request, StreamObserver<GetAgencyResponse> out) {
        AgencyService.AgencyView view = agencies.agency(Protos.did(request.getDid(), "did"));
        var response = GetAgencyResponse.newBuilder().setAgency(AgencyMapper.toProto(view.agency()));
        view.accreditations().forEach(a -> response.addAccreditations(AgencyMapper.toProto(a, hash)));
        reply(out, response.build());
    }

    @Override
    public void requestAccreditation(RequestAccreditationRequest request,
                                     StreamObserver<RequestAccreditationResponse> out) {
        Did caller = authenticated();
        Did agency = Protos.civitasDid(request.getAgencyDid(), "agency_did");
        Did root = Protos.civitasDid(request.getProvincialRootDid(), "provincial_root_did");
        AgencyMapper.typesAndRegions(request.getCredentialTypesList(), request.getRegionsList(),
            request.getJustification());
        reply(out, once("RequestAccreditation", caller.toString(), request.getRequestId(), request,
            RequestAccreditationResponse.parser(), key -> RequestAccreditationResponse.newBuilder()
                .setAccreditationRequest(AgencyMapper.toProto(agencies.requestAccreditation(caller, agency, root,
                    List.copyOf(request.getCredentialTypesList()), List.copyOf(request.getRegionsList()),
                    request.getJustification().trim())))
                .build()));
    }

    @Override
    public void listAccreditationRequests(ListAccreditationRequestsRequest request,
                                          StreamObserver<ListAccreditationRequestsResponse> out) {
        Did caller = authenticated();
        Did root = Protos.civitasDid(request.getProvincialRootDid(), "provincial_root_did");
        AccreditationRequestStore.Page page = agencies.listRequests(caller, root,
            AgencyMapper.state(request.getState()), AgencyMapper.pageAfter(request.getPageToken()),
            AgencyMapper.pageSize(request.getPageSize()));
        var response = ListAccreditationRequestsResponse.newBuilder()
            .setNextPageToken(AgencyMapper.pageToken(page.nextAfter()));
        page.requests().forEach(r -> response.addAccreditationRequests(AgencyMapper.toProto(r)));
        reply(out, response.build());
    }

    @Override
    public void decideAccreditationRequest(DecideAccreditationRequestRequest request,
                                           StreamObserver<DecideAccreditationRequestResponse> out) {
        Did caller = authenticated();
        if (request.getAccreditationRequestId().isEmpty()) {
            throw IdentityException.invalid("accreditation_request_id", "is required");
        }
        SignedTransaction grant = switch (request.getDecisionCase()) {
            case GRANT_TRANSACTION -> Protos.transaction(request.getGrantTransaction(), true, "grant_transaction");
            case REJECTION_REASON -> {
                if (request.getRejectionReason().trim().isEmpty()
                        || request.getRejectionReason().length() > AgencyMapper.MAX_TEXT) {
                    throw IdentityException.invalid("rejection_reason", "must be 1 to " + AgencyMapper.MAX_TEXT
                        + " characters");
                }
                yield null;
            }
            default -> throw IdentityException.invalid("decision", "give grant_transaction or rejection_reason");
        };
        reply(out, once("DecideAccreditationRequest", caller.toString(), request.getRequestId(), request,
            DecideAccreditationRequestResponse.parser(), key -> {
                AgencyService.Decision decision = agencies.decide(caller, request.getAccreditationRequestId(), grant,
                    grant == null ? request.getRejectionReason().trim() : null);
                var response = DecideAccreditationRequestResponse.newBuilder()
                    .setAccreditationRequest(AgencyMapper.toProto(decision.request()));
                if (decision.grantEntry() != null) response.setGrantEntry(Protos.entry(decision.grantEntry(), hash));
                return response.build();
            }));
    }

    // --- citizens and devices ---

    @Override
    public void createChallenge(CreateChallengeRequest request, StreamObserver<CreateChallengeResponse> out) {
        Challenge challenge = switch (request.getPurpose()) {
            case ENROL -> {
                if (!request.getCitizenDid().isEmpty()) {
                    throw IdentityException.invalid("citizen_did", "must be empty for ENROL: the key makes the DID");
                }
                yield enrolment.challenge(CitizenMapper.key(request.getPublicKeyMultibase(), "public_key_multibase"));
            }
            case BIND_DEVICE -> devices.bindChallenge(citizen(request.getCitizenDid()),
                CitizenMapper.key(request.getPublicKeyMultibase(), "public_key_multibase"));
            case ROTATE_DEVICE_KEY -> devices.rotateChallenge(citizen(request.getCitizenDid()),
                CitizenMapper.deviceId(request.getDeviceId()),
                CitizenMapper.key(request.getPublicKeyMultibase(), "public_key_multibase"));
            case REVOKE_DEVICE -> devices.revokeChallenge(citizen(request.getCitizenDid()),
                CitizenMapper.deviceId(request.getDeviceId()),
                request.hasCompromisedSince() ? Protos.instant(request.getCompromisedSince()) : null);
            case SIGN_IN -> devices.signInChallenge(citizen(request.getCitizenDid()));
            default -> throw IdentityException.invalid("purpose", "is required: ENROL, BIND_DEVICE, "
                + "ROTATE_DEVICE_KEY, REVOKE_DEVICE or SIGN_IN");
        };
        reply(out, CitizenMapper.toProto(challenge));
    }

    @Override
    public void enrolCitizen(EnrolCitizenRequest request, StreamObserver<EnrolCitizenResponse> out) {
        Did registrar = authenticated();
        Enrolment order = CitizenMapper.enrolment("", request, clock);
        idempotency.requireRequestId(request.getRequestId());
        // the fingerprint of a request never holds the national id: its keyed hash stands in for it
        EnrolCitizenRequest fingerprinted = request.toBuilder().setProofing(request.getProofing().toBuilder()
            .setNationalIdNumber(enrolment.fingerprint(order.nationalId()))).build();
        // idempotent through the citizen record itself (EnrolmentService.enrol), not the requests collection: the
        // record's insert and completion are the reservation and the answer, two MongoDB writes fewer
        String key = "EnrolCitizen|" + registrar + "|" + request.getRequestId();
        EnrolmentService.Enrolled done = enrolment.enrol(registrar, new Enrolment(key, order.challengeId(),
            order.deviceSignature(), order.nationalId(), order.proofingMethod(), order.assuranceLevel(),
            order.proofedAt(), order.device(), order.region()), IdempotentRequests.fingerprint(fingerprinted));
        reply(out, EnrolCitizenResponse.newBuilder().setCitizenDid(done.did().toString())
            .setDeviceId(done.deviceId()).setVerificationMethod(done.verificationMethod())
            .setDidEntry(Protos.entry(done.didEntry(), hash)).build());
    }

    @Override
    public void bindDevice(BindDeviceRequest request, StreamObserver<BindDeviceResponse> out) {
        Did did = citizen(request.getCitizenDid());
        String challengeId = CitizenMapper.challengeId(request.getChallengeId());
        byte[] newSignature = CitizenMapper.signature(request.getNewDeviceSignature(), "new_device_signature");
        DeviceSignature authorising = CitizenMapper.deviceSignature(request.getAuthorisingSignature(),
            request.hasAuthorisingSignature(), "authorising_signature");
        var problems = new java.util.ArrayList<org.civitas.server.FieldProblem>();
        var info = CitizenMapper.device(problems, request.getDevice());
        Protos.throwIfAny(problems);
        Did registrar = Caller.current() instanceof Caller.Authenticated a ? a.did() : null;
        reply(out, once("BindDevice", did.toString(), request.getRequestId(), request, BindDeviceResponse.parser(),
            key -> {
                DeviceService.Bound bound = devices.bind(registrar, key, challengeId, did, newSignature, authorising,
                    info);
                return BindDeviceResponse.newBuilder().setDeviceId(bound.deviceId())
                    .setVerificationMethod(bound.verificationMethod())
                    .setDidEntry(Protos.entry(bound.didEntry(), hash)).build();
            }));
    }

    @Override
    public void rotateDeviceKey(RotateDeviceKeyRequest request, StreamObserver<RotateDeviceKeyResponse> out) {
        Did did = citizen(request.getCitizenDid());
        String challengeId = CitizenMapper.challengeId(request.getChallengeId());
        String deviceId = CitizenMapper.deviceId(request.getDeviceId());
        byte[] newSignature = CitizenMapper.signature(request.getNewKeySignature(), "new_key_signature");
        byte[] currentSignature = CitizenMapper.signature(request.getCurrentKeySignature(), "current_key_signature");
        reply(out, once("RotateDeviceKey", did.toString(), request.getRequestId(), request,
            RotateDeviceKeyResponse.parser(), key -> {
                DeviceService.Bound rotated = devices.rotate(key, challengeId, did, deviceId, newSignature,
                    currentSignature);
                return RotateDeviceKeyResponse.newBuilder().setVerificationMethod(rotated.verificationMethod())
                    .setPreviousKeyValidUntil(Protos.timestamp(rotated.didEntry().committedAt()))
                    .setDidEntry(Protos.entry(rotated.didEntry(), hash)).build();
            }));
    }

    @Override
    public void revokeDevice(RevokeDeviceRequest request, StreamObserver<RevokeDeviceResponse> out) {
        Did did = citizen(request.getCitizenDid());
        String challengeId = CitizenMapper.challengeId(request.getChallengeId());
        String deviceId = CitizenMapper.deviceId(request.getDeviceId());
        DeviceSignature authorising = request.hasAuthorisingSignature()
            ? CitizenMapper.deviceSignature(request.getAuthorisingSignature(), true, "authorising_signature") : null;
        Instant compromised = request.hasCompromisedSince() ? Protos.instant(request.getCompromisedSince()) : null;
        if (request.getReason().length() > AgencyMapper.MAX_TEXT) {
            throw IdentityException.invalid("reason", "is longer than " + AgencyMapper.MAX_TEXT + " characters");
        }
        Did registrar = Caller.current() instanceof Caller.Authenticated a ? a.did() : null;
        reply(out, once("RevokeDevice", did.toString(), request.getRequestId(), request, RevokeDeviceResponse.parser(),
            key -> {
                var entry = devices.revoke(registrar, key, challengeId, did, deviceId, authorising, compromised);
                return RevokeDeviceResponse.newBuilder().setRevokedAt(Protos.timestamp(entry.committedAt()))
                    .setDidEntry(Protos.entry(entry, hash)).build();
            }));
    }

    @Override
    public void registerPushToken(RegisterPushTokenRequest request, StreamObserver<RegisterPushTokenResponse> out) {
        CitizenCaller caller = citizenCaller();
        Did did = citizen(request.getCitizenDid());
        String deviceId = CitizenMapper.deviceId(request.getDeviceId());
        String token = CitizenMapper.fcmToken(request.getFcmToken());
        reply(out, once("RegisterPushToken", did.toString(), request.getRequestId(), request,
            RegisterPushTokenResponse.parser(), key -> RegisterPushTokenResponse.newBuilder()
                .setRegisteredAt(Protos.timestamp(pushTokens.register(caller, did, deviceId, token))).build()));
    }

    @Override
    public void linkFirebaseAccount(LinkFirebaseAccountRequest request,
                                    StreamObserver<LinkFirebaseAccountResponse> out) {
        Did did = citizen(request.getCitizenDid());
        String challengeId = CitizenMapper.challengeId(request.getChallengeId());
        DeviceSignature signature = CitizenMapper.deviceSignature(request.getDeviceSignature(),
            request.hasDeviceSignature(), "device_signature");
        String idToken = CitizenMapper.idToken(request.getFirebaseIdToken());
        reply(out, once("LinkFirebaseAccount", did.toString(), request.getRequestId(), request,
            LinkFirebaseAccountResponse.parser(), key -> LinkFirebaseAccountResponse.newBuilder()
                .setFirebaseUid(firebase.link(key, challengeId, did, signature, idToken))
                .setCitizenDid(did.toString()).build()));
    }

    @Override
    public void getCitizen(GetCitizenRequest request, StreamObserver<GetCitizenResponse> out) {
        CitizenCaller caller = citizenCaller();
        Did did = citizen(request.getCitizenDid());
        reply(out, GetCitizenResponse.newBuilder()
            .setCitizen(CitizenMapper.toProto(pushTokens.ownCitizen(caller, did))).build());
    }

    // --- resolution ---

    @Override
    public void resolveDid(ResolveDidRequest request, StreamObserver<ResolveDidResponse> out) {
        Did did = Protos.did(request.getDid(), "did");
        Instant asOf = request.hasAsOf() ? Protos.instant(request.getAsOf()) : null;
        ResolveDidResponse held = asOf == null ? resolutions.held(did, resolutionMapper) : null;
        if (held != null) {
            reply(out, held);
            return;
        }
        // Redis and the ledger are waited for on the IO executor: an anonymous call runs on the transport thread
        // (CachedResolutionExecutor); a failure reaches the error mapping as the call's cause
        blocking.execute(Context.current().wrap(() -> {
            try {
                reply(out, resolutions.resolve(did, asOf, resolutionMapper));
            } catch (RuntimeException e) {
                out.onError(e);
            }
        }));
    }

    // --- callers and idempotency ---

    /** The DID that signed the call's service token. */
    private static Did authenticated() {
        if (Caller.current() instanceof Caller.Authenticated a) return a.did();
        throw IdentityException.of(Reason.CALLER_UNAUTHENTICATED, "this rpc needs a caller: send 'authorization: "
            + "Bearer <service token>' signed by a key under authentication in your DID document");
    }

    /** A device (service token signed by its key) or a citizen signed in with Firebase. */
    private static CitizenCaller citizenCaller() {
        if (Caller.current() instanceof Caller.Authenticated a) return CitizenCaller.device(a.did(), a.keyId());
        FirebaseAccounts.FirebaseUser user = FirebaseCallerInterceptor.USER.get();
        if (user != null) {
            if (user.did() == null) {
                throw IdentityException.of(Reason.FIREBASE_ACCOUNT_NOT_LINKED, "this Firebase account is not linked "
                    + "to a DID yet; link it with LinkFirebaseAccount");
            }
            return CitizenCaller.firebase(user.did(), user.uid());
        }
        throw IdentityException.of(Reason.CALLER_UNAUTHENTICATED, "this rpc needs the citizen: a service token signed "
            + "by a device key, or 'firebase-id-token' of a linked Firebase account");
    }

    private static Did citizen(String text) {
        return Protos.civitasDid(text, "citizen_did");
    }

    private <R extends Message> R once(String rpc, String scope, String requestId, Message request, Parser<R> parser,
                                       Function<String, R> work) {
        String key = rpc + "|" + scope + "|" + requestId;
        return idempotency.once(rpc + "|" + scope, requestId, request, parser, () -> work.apply(key));
    }

    private static <T> void reply(StreamObserver<T> out, T response) {
        out.onNext(response);
        out.onCompleted();
    }
}
