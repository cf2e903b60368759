package org.civitas.identity.grpc;

import org.civitas.identity.IdentityException;
import org.civitas.identity.challenge.Challenge;
import org.civitas.identity.citizen.Citizen;
import org.civitas.identity.citizen.Device;
import org.civitas.identity.citizen.DeviceInfo;
import org.civitas.identity.device.DeviceSignature;
import org.civitas.identity.device.PushTokens;
import org.civitas.identity.enrolment.Enrolment;
import org.civitas.identity.enrolment.NationalId;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.DeviceState;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.server.FieldProblem;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Enrolment, devices and citizens between the contract and the domain. */
final class CitizenMapper {

    private static final int MAX_SIGNATURE = 128;
    private static final int MAX_ID_TOKEN = 8192;
    private static final Duration SKEW = Duration.ofSeconds(60);

    private CitizenMapper() { }

    static VerificationKey key(String multibase, String field) {
        if (multibase.isEmpty()) throw IdentityException.invalid(field, "is required");
        try {
            return VerificationKey.fromMultibase(multibase);
        } catch (FormatException e) {
            throw IdentityException.invalid(field, "is not an Ed25519, P-256 or SM2 Multikey publicKeyMultibase: "
                + e.getMessage());
        }
    }

    static String deviceId(String id) {
        if (Device.numberOf(id) < 1) throw IdentityException.invalid("device_id", "must be device-N, as GetCitizen lists");
        return id;
    }

    static Enrolment enrolment(String requestKey, EnrolCitizenRequest request, Clock clock) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.getChallengeId().isEmpty()) problems.add(new FieldProblem("challenge_id", "is required"));
        signature(problems, request.getDeviceSignature().size(), "device_signature");
        if (!request.hasProofing()) problems.add(new FieldProblem("proofing", "is required"));
        var proofing = request.getProofing();
        NationalId nationalId = null;
        try {
            nationalId = NationalId.parse(proofing.getNationalIdNumber(), "proofing.national_id_number");
        } catch (NationalId.InvalidNationalId e) {
            problems.add(e.problem());
        }
        Protos.text(problems, proofing.getMethod(), "proofing.method", Protos.MAX_NAME, true);
        if (proofing.getAssuranceLevel() < 1 || proofing.getAssuranceLevel() > 3) {
            problems.add(new FieldProblem("proofing.assurance_level", "must be 1, 2 or 3"));
        }
        if (!proofing.hasProofedAt()) {
            problems.add(new FieldProblem("proofing.proofed_at", "is required"));
        } else if (Protos.instant(proofing.getProofedAt()).isAfter(clock.instant().plus(SKEW))) {
            problems.add(new FieldProblem("proofing.proofed_at", "is in the future"));
        }
        DeviceInfo device = device(problems, request.getDevice());
        AgencyMapper.region(problems, request.getRegion(), "region");
        Protos.throwIfAny(problems);
        return new Enrolment(requestKey, request.getChallengeId(), request.getDeviceSignature().toByteArray(),
            nationalId, proofing.getMethod().trim(), proofing.getAssuranceLevel(),
            Protos.instant(proofing.getProofedAt()), device, request.getRegion());
    }

    static DeviceInfo device(List<FieldProblem> problems, org.civitas.proto.identity.v1.DeviceInfo info) {
        Protos.text(problems, info.getDisplayName(), "device.display_name", DeviceInfo.MAX_NAME, false);
        Protos.text(problems, info.getPlatform(), "device.platform", DeviceInfo.MAX_TAG, false);
        Protos.text(problems, info.getKeyStorage(), "device.key_storage", DeviceInfo.MAX_TAG, false);
        return new DeviceInfo(info.getDisplayName().trim(), info.getPlatform().trim(), info.getKeyStorage().trim());
    }

    static DeviceSignature deviceSignature(org.civitas.proto.identity.v1.DeviceSignature proto, boolean present,
                                           String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!present) {
            problems.add(new FieldProblem(field, "is required"));
        } else {
            if (proto.getVerificationMethod().isEmpty()) {
                problems.add(new FieldProblem(field + ".verification_method", "is required"));
            }
            signature(problems, proto.getSignature().size(), field + ".signature");
        }
        Protos.throwIfAny(problems);
        return new DeviceSignature(proto.getVerificationMethod(), proto.getSignature().toByteArray());
    }

    static void signature(List<FieldProblem> problems, int size, String field) {
        if (size == 0) problems.add(new FieldProblem(field, "is required"));
        else if (size > MAX_SIGNATURE) problems.add(new FieldProblem(field, "is longer than any supported signature"));
    }

    static byte[] signature(com.google.protobuf.ByteString bytes, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        signature(problems, bytes.size(), field);
        Protos.throwIfAny(problems);
        return bytes.toByteArray();
    }

    static String challengeId(String id) {
        if (id.isEmpty()) throw IdentityException.invalid("challenge_id", "is required");
        return id;
    }

    static String fcmToken(String token) {
        if (token.isEmpty()) throw IdentityException.invalid("fcm_token", "is required");
        if (token.length() > PushTokens.MAX_TOKEN) {
            throw IdentityException.invalid("fcm_token", "is longer than " + PushTokens.MAX_TOKEN + " characters");
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) <= ' ' || token.charAt(i) > '~') {
                throw IdentityException.invalid("fcm_token", "must be printable ASCII without spaces");
            }
        }
        return token;
    }

    static String idToken(String token) {
        if (token.isEmpty()) throw IdentityException.invalid("firebase_id_token", "is required");
        if (token.length() > MAX_ID_TOKEN) throw IdentityException.invalid("firebase_id_token", "is too long");
        return token;
    }

    static CreateChallengeResponse toProto(Challenge challenge) {
        var proto = CreateChallengeResponse.newBuilder()
            .setChallengeId(challenge.id())
            .setPayloadToSign(com.google.protobuf.ByteString.copyFrom(challenge.payload()))
            .setExpiresAt(Protos.timestamp(challenge.expiresAt()))
            .setDid(challenge.did().toString());
        if (challenge.deviceId() != null) proto.setDeviceId(challenge.deviceId());
        if (challenge.verificationMethod() != null) proto.setVerificationMethod(challenge.verificationMethod());
        return proto.build();
    }

    static org.civitas.proto.identity.v1.Citizen toProto(Citizen citizen) {
        var proto = org.civitas.proto.identity.v1.Citizen.newBuilder()
            .setDid(citizen.did().toString())
            .setRegion(citizen.region())
            .setRegistrarDid(citizen.registrar().toString())
            .setAssuranceLevel(citizen.assuranceLevel());
        if (citizen.enrolledAt() != null) proto.setEnrolledAt(Protos.timestamp(citizen.enrolledAt()));
        for (Device device : citizen.devices()) {
            var d = org.civitas.proto.identity.v1.Device.newBuilder()
                .setDeviceId(device.id())
                .setVerificationMethod(device.verificationMethod())
                .setState(DeviceState.valueOf(device.state().name()))
                .setInfo(org.civitas.proto.identity.v1.DeviceInfo.newBuilder()
                    .setDisplayName(device.info().displayName())
                    .setPlatform(device.info().platform())
                    .setKeyStorage(device.info().keyStorage()))
                .setPushRegistered(device.pushToken() != null);
            if (device.boundAt() != null) d.setBoundAt(Protos.timestamp(device.boundAt()));
            if (device.revokedAt() != null) d.setRevokedAt(Protos.timestamp(device.revokedAt()));
            proto.addDevices(d);
        }
        return proto.build();
    }
}
