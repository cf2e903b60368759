package org.civitas.identity.grpc;

import org.civitas.identity.IdentityException;
import org.civitas.identity.agency.AccreditationRequest;
import org.civitas.identity.agency.AccreditationRequestState;
import org.civitas.identity.agency.Agency;
import org.civitas.identity.agency.AgencyKind;
import org.civitas.identity.agency.AgencyService;
import org.civitas.sdk.ledger.state.Regions;
import org.civitas.proto.identity.v1.OnboardAgencyRequest;
import org.civitas.proto.identity.v1.OnboardProvincialRootRequest;
import org.civitas.proto.ledger.v1.Accreditation;
import org.civitas.proto.ledger.v1.AccreditationTier;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.server.FieldProblem;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Agencies and accreditation requests between the contract and the domain. */
final class AgencyMapper {

    /** Credential type ids as schemas name them, e.g. {@code CitizenEnrolment}, {@code UniversityDegree}. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9._:-]{0,99}");
    static final int MAX_LIST = 100;
    static final int MAX_TEXT = 2000;

    private AgencyMapper() { }

    static AgencyService.Profile profile(OnboardAgencyRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        names(problems, request.getNameEn(), request.getNameZh());
        AgencyKind kind = switch (request.getKind()) {
            case HEALTH_BUREAU -> AgencyKind.HEALTH_BUREAU;
            case HOUSING_REGISTRY -> AgencyKind.HOUSING_REGISTRY;
            case EDUCATION_DEPARTMENT -> AgencyKind.EDUCATION_DEPARTMENT;
            case UNIVERSITY -> AgencyKind.UNIVERSITY;
            case SOCIAL_SECURITY_BUREAU -> AgencyKind.SOCIAL_SECURITY_BUREAU;
            case REGISTRAR -> AgencyKind.REGISTRAR;
            case PROVINCIAL_ROOT -> {
                problems.add(new FieldProblem("kind", "provincial roots are onboarded with OnboardProvincialRoot"));
                yield null;
            }
            default -> {
                problems.add(new FieldProblem("kind", "is required (HEALTH_BUREAU, …, REGISTRAR)"));
                yield null;
            }
        };
        region(problems, request.getRegion(), "region");
        Protos.throwIfAny(problems);
        return new AgencyService.Profile(request.getNameEn().trim(), request.getNameZh().trim(), kind,
            request.getRegion());
    }

    static AgencyService.Profile profile(OnboardProvincialRootRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        names(problems, request.getNameEn(), request.getNameZh());
        region(problems, request.getRegion(), "region");
        Protos.throwIfAny(problems);
        return new AgencyService.Profile(request.getNameEn().trim(), request.getNameZh().trim(),
            AgencyKind.PROVINCIAL_ROOT, request.getRegion());
    }

    /** Checks requested types and regions. */
    static void typesAndRegions(List<String> types, List<String> regions, String justification) {
        List<FieldProblem> problems = new ArrayList<>();
        if (types.isEmpty()) problems.add(new FieldProblem("credential_types", "name at least one credential type"));
        if (types.size() > MAX_LIST) problems.add(new FieldProblem("credential_types", "at most " + MAX_LIST));
        for (int i = 0; i < types.size() && i < MAX_LIST; i++) {
            if (!TYPE.matcher(types.get(i)).matches()) {
                problems.add(new FieldProblem("credential_types[" + i + "]", "is not a credential type id "
                    + "(a letter, then up to 99 letters, digits or . _ : -)"));
            }
        }
        if (regions.isEmpty()) problems.add(new FieldProblem("regions", "name at least one region"));
        if (regions.size() > MAX_LIST) problems.add(new FieldProblem("regions", "at most " + MAX_LIST));
        for (int i = 0; i < regions.size() && i < MAX_LIST; i++) region(problems, regions.get(i), "regions[" + i + "]");
        Protos.text(problems, justification, "justification", MAX_TEXT, false);
        Protos.throwIfAny(problems);
    }

    static AccreditationRequestState state(org.civitas.proto.identity.v1.AccreditationRequestState state) {
        return switch (state) {
            case PENDING -> AccreditationRequestState.PENDING;
            case APPROVED -> AccreditationRequestState.APPROVED;
            case REJECTED -> AccreditationRequestState.REJECTED;
            case ACCREDITATION_REQUEST_STATE_UNSPECIFIED -> null;
            default -> throw IdentityException.invalid("state", "is not a known state");
        };
    }

    static int pageSize(int requested) {
        if (requested < 0 || requested > 1000) throw IdentityException.invalid("page_size", "must be 0 to 1000");
        return requested == 0 ? 100 : requested;
    }

    static String pageAfter(String token) {
        if (token.isEmpty()) return null;
        try {
            String after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (after.startsWith("ar-")) return after;
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw IdentityException.invalid("page_token", "is not a token this rpc gave");
    }

    static String pageToken(String after) {
        return after == null ? "" : Base64.getUrlEncoder().withoutPadding()
            .encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    static org.civitas.proto.identity.v1.Agency toProto(Agency agency) {
        return org.civitas.proto.identity.v1.Agency.newBuilder()
            .setDid(agency.did().toString())
            .setNameEn(agency.nameEn())
            .setNameZh(agency.nameZh())
            .setKind(org.civitas.proto.identity.v1.AgencyKind.valueOf(agency.kind().name()))
            .setRegion(agency.region())
            .setOnboardedAt(Protos.timestamp(agency.onboardedAt()))
            .build();
    }

    static org.civitas.proto.identity.v1.AccreditationRequest toProto(AccreditationRequest r) {
        var proto = org.civitas.proto.identity.v1.AccreditationRequest.newBuilder()
            .setId(r.id())
            .setAgencyDid(r.agency().toString())
            .setProvincialRootDid(r.provincialRoot().toString())
            .addAllCredentialTypes(r.credentialTypes())
            .addAllRegions(r.regions())
            .setJustification(r.justification())
            .setState(org.civitas.proto.identity.v1.AccreditationRequestState.valueOf(r.state().name()))
            .setRequestedAt(Protos.timestamp(r.requestedAt()));
        if (r.decidedAt() != null) proto.setDecidedAt(Protos.timestamp(r.decidedAt()));
        if (r.rejectionReason() != null) proto.setRejectionReason(r.rejectionReason());
        return proto.build();
    }

    static Accreditation toProto(LedgerClient.Accreditation a, LedgerHash hash) {
        var proto = Accreditation.newBuilder()
            .setAccreditorDid(a.accreditor().toString())
            .setSubjectDid(a.subject().toString())
            .setTier(AccreditationTier.valueOf(a.tier()))
            .addAllCredentialTypes(a.credentialTypes())
            .addAllRegions(a.regions())
            .setValidFrom(Protos.timestamp(a.validFrom()))
            .setGrant(LedgerProtos.toProto(a.grant(), hash));
        if (a.validUntil() != null) proto.setValidUntil(Protos.timestamp(a.validUntil()));
        if (a.withdrawnAt() != null) proto.setWithdrawnAt(Protos.timestamp(a.withdrawnAt()));
        return proto.build();
    }

    private static void names(List<FieldProblem> problems, String en, String zh) {
        Protos.text(problems, en, "name_en", Protos.MAX_NAME, true);
        Protos.text(problems, zh, "name_zh", Protos.MAX_NAME, true);
    }

    static void region(List<FieldProblem> problems, String region, String field) {
        if (!Regions.isValid(region)) {
            problems.add(new FieldProblem(field, "must be a six-digit GB/T 2260 region code, e.g. 310000"));
        }
    }
}
