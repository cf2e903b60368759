package org.civitas.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.credential.Credential;
import org.civitas.sdk.credential.Presentation;
import org.civitas.sdk.credential.VerifiableDocument;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.internal.XsdDateTime;
import org.civitas.sdk.policy.ChallengeRegistry;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.policy.VerifierPolicy.RequiredClaim;
import org.civitas.sdk.proof.ProofExpectations;
import org.civitas.sdk.schema.JsonSchema;
import org.civitas.sdk.schema.SchemaViolation;
import org.civitas.sdk.status.StatusEntry;
import org.civitas.sdk.status.StatusLookup;
import org.civitas.sdk.suite.Cryptosuites;
import org.civitas.sdk.trust.Accreditation;
import org.civitas.sdk.trust.TrustView;
import org.civitas.sdk.trust.VerifiedStatusList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Verifier#verify(ObjectNode, VerifierPolicy, java.time.Clock)}: everything the kernel checks (proofs,
 * holder binding, challenge, validity period), with status, accreditation and schemas answered by a
 * {@link TrustView}, replay protection, and the counter's policy. One instance per verifier, so per trust view:
 * it caches compiled schemas. Thread-safe.
 */
final class PolicyVerification {

    /** {@code credentialSchema.id} of Civitas credentials: {@code urn:civitas:schema:<TypeId>:<version>}. */
    static final String SCHEMA_PREFIX = "urn:civitas:schema:";

    private final Verifier verifier;
    private final TrustView trust;
    private final ChallengeRegistry challenges;
    private final Duration clockSkew;
    private final Cryptosuites suites;
    /** Compiled schemas by {@code type:version}; a trust view never changes, so neither do they. */
    private final Map<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    PolicyVerification(Verifier verifier, TrustView trust, ChallengeRegistry challenges, Duration clockSkew,
                       Cryptosuites suites) {
        this.verifier = verifier;
        this.trust = trust;
        this.challenges = challenges;
        this.clockSkew = clockSkew;
        this.suites = suites;
    }

    VerificationResult verify(ObjectNode json, VerifierPolicy policy, Instant now) {
        List<Check> checks = new ArrayList<>();
        VerifiableDocument document;
        try {
            document = VerifiableDocument.of(json);
        } catch (FormatException e) {
            return new VerificationResult(List.of(Verifier.notADocument(e)));
        }
        checks.add(Verifier.wellFormed(document));
        if (document instanceof Credential credential) {
            if (policy.holderBindingRequired()) {
                checks.add(Check.failed(CheckId.HOLDER_BINDING, Reason.of(
                    "A credential shown on its own proves nothing about who shows it: the " + policy.name()
                        + " counter needs a presentation signed by the holder",
                    "单独出示的凭证无法证明出示者身份：" + policy.name() + " 窗口需要持有人签名的出示")));
            }
            checks.addAll(credentialChecks(credential, json, policy, now));
        } else {
            presentationChecks((Presentation) document, json, policy, now, checks);
        }
        return new VerificationResult(checks);
    }

    private void presentationChecks(Presentation presentation, ObjectNode json, VerifierPolicy policy, Instant now,
                                    List<Check> checks) {
        int first = checks.size();
        Set<String> signers = Verifier.holderProofs(presentation, json, new ProofExpectations("authentication",
            policy.challenge().orElse(null), policy.domain().orElse(null), clockSkew), trust.resolver(), now, suites,
            checks);
        boolean signed = presentation.hasProof()
            && checks.subList(first, checks.size()).stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
        checks.add(replay(json, policy, now, signed));
        List<Credential> credentials = presentation.credentials();
        if (credentials.isEmpty()) {
            checks.add(Check.failed(CheckId.POLICY, Reason.of("The presentation holds no credential to verify",
                "该表示不含任何凭证")));
            return;
        }
        JsonNode embedded = json.get("verifiableCredential");
        for (int i = 0; i < credentials.size(); i++) {
            Credential credential = credentials.get(i);
            ObjectNode credentialJson = (ObjectNode) (embedded.isArray() ? embedded.get(i) : embedded);
            String en = "Credential " + (i + 1) + " (" + Verifier.type(credential) + "): ";
            String zh = "凭证 " + (i + 1) + "（" + Verifier.type(credential) + "）：";
            if (credential.subjectIds().stream().anyMatch(signers::contains)) {
                checks.add(Check.passed(CheckId.HOLDER_BINDING, Reason.of(
                    en + "Presented by its subject, who signed the presentation", zh + "由凭证主体本人出示并签名")));
            } else if (policy.holderBindingRequired()) {
                checks.add(Check.failed(CheckId.HOLDER_BINDING, Reason.of(
                    en + "The presentation is not signed by the credential's subject " + credential.subjectIds(),
                    zh + "该表示并非由凭证主体 " + credential.subjectIds() + " 签名")));
            } else {
                checks.add(Check.skipped(CheckId.HOLDER_BINDING, Reason.of(
                    en + "Not presented by its subject, which the " + policy.name() + " policy allows",
                    zh + "并非由凭证主体出示，" + policy.name() + " 策略允许")));
            }
            for (Check c : credentialChecks(credential, credentialJson, policy, now)) {
                checks.add(Verifier.prefixed(c, en, zh));
            }
        }
    }

    /**
     * An interactive answer is accepted once, and only while its challenge lives; a one-way presentation only
     * within the policy's window after it was made.
     */
    private Check replay(ObjectNode json, VerifierPolicy policy, Instant now, boolean signed) {
        Instant created = created(json.get("proof"));
        if (policy.challenge().isPresent()) {
            if (created != null && created.isBefore(now.minus(policy.challengeLifetime()).minus(clockSkew))) {
                return Check.failed(CheckId.REPLAY, Reason.of(
                    "The answer was made at " + Verifier.when(created) + ", after its challenge expired: show a new code",
                    "该应答生成于 " + Verifier.when(created) + "，挑战已过期：请出示新的二维码"));
            }
            if (!signed) {
                return Check.skipped(CheckId.REPLAY, Reason.of("Not consumed: the holder's signature did not verify",
                    "未使用该挑战：持有人签名未通过验证"));
            }
            if (!challenges.consume(policy.challenge().get(), policy.domain().orElse(null))) {
                return Check.failed(CheckId.REPLAY, Reason.of(
                    "This challenge was answered before: a presentation is accepted once; ask for a new one",
                    "该挑战已被应答过：每个出示仅可使用一次，请重新出示"));
            }
            return Check.passed(CheckId.REPLAY, Reason.of("First answer to this counter's challenge",
                "首次应答本窗口的挑战"));
        }
        if (!policy.oneWayWindow().isPresent()) {
            return Check.failed(CheckId.REPLAY, Reason.of(
                "The " + policy.name() + " counter accepts only answers to its own challenge QR code",
                policy.name() + " 窗口只接受对其挑战二维码的应答"));
        }
        Duration window = policy.oneWayWindow().get();
        if (created == null) {
            return Check.failed(CheckId.REPLAY, Reason.of(
                "The presentation carries neither a challenge nor the time it was made, so it could be a copy",
                "该表示既无挑战也无生成时间，可能是复制品"));
        }
        if (created.isBefore(now.minus(window).minus(clockSkew)) || created.isAfter(now.plus(clockSkew))) {
            return Check.failed(CheckId.REPLAY, Reason.of(
                "The presentation was made at " + Verifier.when(created) + ", outside the " + minutes(window)
                    + " a one-way code is accepted: show a fresh code",
                "该表示生成于 " + Verifier.when(created) + "，超出单向二维码的有效时间 " + minutes(window) + "：请出示新的二维码"));
        }
        return Check.passed(CheckId.REPLAY, Reason.of("A one-way presentation made within the last " + minutes(window),
            "在 " + minutes(window) + " 内生成的单向出示"));
    }

    private List<Check> credentialChecks(Credential credential, ObjectNode json, VerifierPolicy policy, Instant now) {
        List<Check> checks = Verifier.issuerProofs(credential, json, clockSkew, trust.resolver(), now, suites);
        checks.add(verifier.validity(credential, now));
        String type = Verifier.type(credential);
        if (credential.statusEntries().isEmpty()) {
            checks.add(Check.skipped(CheckId.STATUS, Reason.of("The credential has no status entry to check",
                "该凭证没有可检查的状态条目")));
        }
        for (StatusEntry entry : credential.statusEntries()) checks.add(status(credential, type, entry, policy, now));
        checks.add(accreditation(credential, json, type));
        checks.add(schema(json, type));
        checks.add(policy(json, type, policy));
        return checks;
    }

    private Check status(Credential credential, String type, StatusEntry entry, VerifierPolicy policy, Instant now) {
        String url = entry.statusListCredential();
        Optional<VerifiedStatusList> list = trust.statusList(url);
        if (!list.isPresent()) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list " + url + " is not in the trust data, so the "
                    + entry.statusPurpose().name().toLowerCase() + " status cannot be checked: refresh the trust data",
                "信任数据中没有状态列表 " + url + "，无法检查状态：请更新信任数据"));
        }
        if (!list.get().list().issuer().equals(credential.issuer())) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list " + url + " was not issued by the credential's issuer " + credential.issuer(),
                "状态列表 " + url + " 并非由该凭证的签发机构 " + credential.issuer() + " 签发"));
        }
        Duration maxAge = policy.maxStatusAge(type).orElse(trust.maxStatusAge(type));
        return Verifier.statusCheck(StatusLookup.lookUp(entry, list.get().list(), now, maxAge), entry);
    }

    private Check accreditation(Credential credential, ObjectNode json, String type) {
        JsonNode jurisdiction = json.get("jurisdiction");
        if (jurisdiction == null || !jurisdiction.isTextual()) {
            return Check.failed(CheckId.ISSUER_ACCREDITED, Reason.of(
                "The credential names no jurisdiction, so the issuer's accreditation for the region cannot be checked",
                "该凭证未注明管辖区域，无法核验签发机构在该区域的资质"));
        }
        if (!credential.validFrom().isPresent()) {
            return Check.failed(CheckId.ISSUER_ACCREDITED, Reason.of(
                "The credential has no validFrom, so the issuer's accreditation at issuance cannot be checked",
                "该凭证没有生效时间，无法核验签发时签发机构的资质"));
        }
        Did issuer;
        try {
            issuer = Did.parse(credential.issuer());
        } catch (FormatException e) {
            return Check.failed(CheckId.ISSUER_ACCREDITED, Reason.of("The issuer is not a DID: " + e.getMessage(),
                "签发机构不是 DID：" + e.getMessage()));
        }
        Accreditation answer = trust.accreditation(issuer, type, jurisdiction.textValue(), credential.validFrom().get());
        return answer.accredited() ? Check.passed(CheckId.ISSUER_ACCREDITED, answer.reason())
            : Check.failed(CheckId.ISSUER_ACCREDITED, answer.reason());
    }

    private Check schema(ObjectNode json, String type) {
        JsonNode id = json.path("credentialSchema").path("id");
        String text = id.isTextual() ? id.textValue() : "";
        String version = text.startsWith(SCHEMA_PREFIX + type + ":") ? text.substring(SCHEMA_PREFIX.length() + type.length() + 1) : "";
        if (version.isEmpty()) {
            return Check.failed(CheckId.SCHEMA, Reason.of(
                "The credential does not name a registered schema of " + type + " (" + SCHEMA_PREFIX + type
                    + ":<version>)",
                "该凭证未注明 " + type + " 的已登记模式"));
        }
        Optional<JsonSchema> schema = schemas.computeIfAbsent(type + ":" + version,
            key -> trust.schema(type, version).map(JsonSchema::compile));
        if (!schema.isPresent()) {
            return Check.failed(CheckId.SCHEMA, Reason.of(
                "No schema of " + type + " version " + version + " is registered in the trust data: refresh the trust data",
                "信任数据中没有 " + type + " " + version + " 版的模式：请更新信任数据"));
        }
        JsonNode subject = json.get("credentialSubject");
        if (subject == null || !subject.isObject()) {
            return Check.failed(CheckId.SCHEMA, Reason.of("The credential must have exactly one subject object",
                "该凭证必须有且仅有一个主体对象"));
        }
        ObjectNode claims = subject.deepCopy();
        claims.remove("id");
        List<SchemaViolation> violations = schema.get().validate(claims);
        if (violations.isEmpty()) {
            return Check.passed(CheckId.SCHEMA, Reason.of("The claims follow the schema of " + type + " " + version,
                "声明内容符合 " + type + " " + version + " 的模式"));
        }
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        for (SchemaViolation v : violations) {
            if (en.length() > 0) { en.append("; "); zh.append("；"); }
            String field = v.path().isEmpty() ? "the claims" : v.path();
            en.append(field).append(' ').append(v.reason().en());
            zh.append(field).append(' ').append(v.reason().zh());
        }
        return Check.failed(CheckId.SCHEMA, Reason.of("The claims break the schema of " + type + " " + version + ": " + en,
            "声明内容不符合 " + type + " " + version + " 的模式：" + zh));
    }

    private static Check policy(ObjectNode json, String type, VerifierPolicy policy) {
        if (!policy.accepts(type)) {
            return Check.failed(CheckId.POLICY, Reason.of(
                "The " + policy.name() + " counter does not accept a " + type + "; it accepts " + policy.acceptedTypes(),
                policy.name() + " 窗口不接受 " + type + "，仅接受 " + policy.acceptedTypes()));
        }
        JsonNode subject = json.path("credentialSubject");
        List<String> missingEn = new ArrayList<>();
        List<String> missingZh = new ArrayList<>();
        for (RequiredClaim claim : policy.requiredClaims()) {
            if (claim.anyOf().stream().noneMatch(subject::has)) {
                missingEn.add(claim.label() + " (" + String.join(" or ", claim.anyOf()) + ")");
                missingZh.add(claim.labelZh() + "（" + String.join(" 或 ", claim.anyOf()) + "）");
            }
        }
        if (!missingEn.isEmpty()) {
            return Check.failed(CheckId.POLICY, Reason.of(
                "The " + policy.name() + " counter needs " + String.join(", ", missingEn) + ", which this " + type
                    + " does not disclose",
                policy.name() + " 窗口需要 " + String.join("、", missingZh) + "，该 " + type + " 未提供"));
        }
        return Check.passed(CheckId.POLICY, Reason.of("The " + policy.name() + " counter accepts a " + type,
            policy.name() + " 窗口接受 " + type));
    }

    /** The {@code created} of the holder's proof (the first one when there are several). */
    private static Instant created(JsonNode proof) {
        JsonNode first = proof == null ? null : proof.isArray() ? proof.get(0) : proof;
        JsonNode created = first == null ? null : first.get("created");
        return created != null && created.isTextual() ? XsdDateTime.parseOrNull(created.textValue()) : null;
    }

    private static String minutes(Duration d) {
        return d.getSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.getSeconds() + " s";
    }
}
