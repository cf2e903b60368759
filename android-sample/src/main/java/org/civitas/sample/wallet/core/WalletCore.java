package org.civitas.sample.wallet.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Metadata;
import org.civitas.proto.identity.v1.ChallengePurpose;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.GetCitizenRequest;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.RegisterPushTokenRequest;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.ListCredentialsRequest;
import org.civitas.proto.issuer.v1.ListCredentialsResponse;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The wallet without Android: enrols its device key with identity-service, registers its push token, fetches the
 * holder's credentials from credential-issuer, and answers counters with presentation QR texts. The Android layer
 * gives it the channels (gRPC over OkHttp), the keystore-backed {@link DeviceKey} and storage for {@link #state()}.
 * Blocking calls: run them off the UI thread.
 */
public final class WalletCore {

    /** The audiences of service tokens, as each service checks them. */
    static final String IDENTITY_AUDIENCE = "identity-service";
    static final String ISSUER_AUDIENCE = "credential-issuer";
    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);
    private static final long DEADLINE_SECONDS = 30;

    /**
     * What the wallet keeps between runs once enrolled.
     *
     * @param did                the citizen's DID
     * @param verificationMethod the DID URL of this device's key
     * @param deviceId           this device's id in the citizen's record
     */
    public record State(String did, String verificationMethod, String deviceId) { }

    private final Channel identity;
    private final Channel issuer;
    private final DeviceKey key;
    private final Clock clock;
    private volatile Enrolment pending;
    private volatile State state;

    /**
     * @param state the state saved by an earlier run, or null when not enrolled yet
     */
    public WalletCore(Channel identity, Channel issuer, DeviceKey key, Clock clock, State state) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = state;
    }

    /** The enrolment, or null before it is confirmed. */
    public State state() { return state; }

    /**
     * Starts enrolling: asks identity-service for an enrolment challenge for the device key and signs it. The
     * registrar's desk completes the enrolment with what this returns.
     */
    public Enrolment startEnrolment() {
        CreateChallengeResponse challenge = identityStub().createChallenge(CreateChallengeRequest.newBuilder()
            .setPurpose(ChallengePurpose.ENROL).setPublicKeyMultibase(key.publicKey().toMultibase()).build());
        Enrolment enrolment = new Enrolment(challenge.getChallengeId(),
            key.sign(challenge.getPayloadToSign().toByteArray()), challenge.getDid(),
            challenge.getVerificationMethod());
        pending = enrolment;
        return enrolment;
    }

    /**
     * Confirms the started enrolment once the registrar has completed it: reads the citizen's record with a token
     * signed by the device key, and keeps the DID and device id.
     *
     * @throws IllegalStateException no enrolment was started
     * @throws io.grpc.StatusRuntimeException NOT_FOUND while the registrar has not enrolled the citizen yet
     */
    public State confirmEnrolment() {
        Enrolment enrolment = pending;
        if (enrolment == null) throw new IllegalStateException("no enrolment was started");
        State candidate = new State(enrolment.did(), enrolment.verificationMethod(), "");
        var citizen = identityStub().withCallCredentials(bearer(candidate, IDENTITY_AUDIENCE))
            .getCitizen(GetCitizenRequest.newBuilder().setCitizenDid(enrolment.did()).build());
        String deviceId = citizen.getCitizen().getDevicesList().stream()
            .filter(d -> d.getVerificationMethod().equals(enrolment.verificationMethod()))
            .map(d -> d.getDeviceId()).findFirst()
            .orElseThrow(() -> new IllegalStateException("the citizen's record does not list this device"));
        State confirmed = new State(enrolment.did(), enrolment.verificationMethod(), deviceId);
        state = confirmed;
        pending = null;
        return confirmed;
    }

    /** Registers (or refreshes) this device's Firebase Cloud Messaging token, so issuers can notify it. */
    public void registerPushToken(String fcmToken) {
        State s = enrolled();
        identityStub().withCallCredentials(bearer(s, IDENTITY_AUDIENCE)).registerPushToken(
            RegisterPushTokenRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setCitizenDid(s.did())
                .setDeviceId(s.deviceId()).setFcmToken(fcmToken).build());
    }

    /** The holder's credentials, newest first, every page fetched. */
    public List<HeldCredential> fetchCredentials() {
        State s = enrolled();
        CredentialIssuerGrpc.CredentialIssuerBlockingStub stub = CredentialIssuerGrpc.newBlockingStub(issuer)
            .withCallCredentials(bearer(s, ISSUER_AUDIENCE));
        List<HeldCredential> held = new ArrayList<>();
        String page = "";
        do {
            ListCredentialsResponse response = stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listCredentials(ListCredentialsRequest.newBuilder().setHolderDid(s.did()).setPageToken(page).build());
            for (IssuedCredential c : response.getCredentialsList()) held.add(held(c));
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return held;
    }

    /**
     * The presentation QR text answering a counter's challenge QR: the chosen credentials, signed by the device key
     * for the counter's challenge and domain.
     *
     * @throws FormatException the scanned text is not a Civitas challenge
     * @throws IllegalArgumentException the challenge has expired
     */
    public String answerChallenge(String challengeQrText, List<HeldCredential> credentials) throws FormatException {
        ChallengeQr challenge = ChallengeQr.parse(challengeQrText);
        Instant now = clock.instant();
        if (challenge.isExpiredAt(now)) throw new IllegalArgumentException("the counter's challenge has expired");
        return QrCodec.encode(DeviceSigning.presentation(json(credentials), null, counterMethod(), key,
            challenge.challenge(), challenge.domain(), now));
    }

    /** A one-way presentation QR text: no challenge, time-stamped now, for scanners that show none. */
    public String oneWay(List<HeldCredential> credentials) {
        return QrCodec.encode(DeviceSigning.presentation(json(credentials), null, counterMethod(), key,
            null, null, clock.instant()));
    }

    /**
     * Presentations for counters are signed with the did:key of this device's key, and leave the optional holder
     * out: a counter holds no citizens' DID documents, and its verifier binds that did:key to the did:civitas
     * derived from it (the DID was created with this key). Saves QR characters too.
     */
    private String counterMethod() {
        enrolled();
        return DidKey.verificationMethodId(key.publicKey());
    }

    private State enrolled() {
        State s = state;
        if (s == null) throw new IllegalStateException("the wallet is not enrolled");
        return s;
    }

    private IdentityGrpc.IdentityBlockingStub identityStub() {
        return IdentityGrpc.newBlockingStub(identity).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** Call credentials that sign a fresh single-use service token with the device key on every call. */
    private CallCredentials bearer(State s, String audience) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + DeviceSigning.authToken(key, s.verificationMethod(), s.did(),
                    audience, clock.instant(), TOKEN_LIFETIME, UUID.randomUUID().toString()));
                applier.apply(headers);
            }
        };
    }

    private static HeldCredential held(IssuedCredential c) {
        try {
            Instant validUntil = c.hasValidUntil()
                ? Instant.ofEpochSecond(c.getValidUntil().getSeconds(), c.getValidUntil().getNanos()) : null;
            return new HeldCredential(c.getCredentialId(), c.getCredentialType(), c.getIssuerDid(), validUntil,
                IJson.parseObject("credential", c.getCredentialJson()));
        } catch (FormatException e) {
            throw new IllegalStateException("credential-issuer sent a credential that is not JSON: " + c.getCredentialId(), e);
        }
    }

    private static List<ObjectNode> json(List<HeldCredential> credentials) {
        List<ObjectNode> json = new ArrayList<>();
        for (HeldCredential c : credentials) json.add(c.json());
        return json;
    }
}
