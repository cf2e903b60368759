package org.civitas.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.credential.Credential;
import org.civitas.sdk.credential.Presentation;
import org.civitas.sdk.credential.VerifiableDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.policy.ChallengeRegistry;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.trust.TrustView;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofExpectations;
import org.civitas.sdk.proof.ProofResult;
import org.civitas.sdk.proof.ProofVerification;
import org.civitas.sdk.status.StatusEntry;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.sdk.status.StatusListSource;
import org.civitas.sdk.status.StatusLookup;
import org.civitas.sdk.status.StatusPurpose;
import org.civitas.sdk.suite.Cryptosuites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a credential or a presentation with no network: every proof (Data Integrity, with DIDs resolved by
 * the configured resolver), the proof purposes, a presentation's challenge, domain and holder binding, the
 * validity period, and every status entry against signed status lists from the configured source. An invalid
 * input is an answer, never an exception: the {@link VerificationResult} lists each check with its outcome and
 * a reason in English and Chinese. Immutable and thread-safe.
 *
 * <p>Built with {@link Builder#trust}, it also verifies against a counter's {@link VerifierPolicy} with
 * {@link #verify(String, VerifierPolicy, Clock)}: issuer accreditation, claim schemas, replay protection and the
 * policy, all answered offline by the trust data.
 */
public final class Verifier {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    /** What a verifier asks of a presentation; both may be {@code null} (a credential ignores them). */
    public record Request(String challenge, String domain) {
        /** No challenge, no domain. */
        public static Request none() { return new Request(null, null); }
    }

    private final DidResolver resolver;
    private final StatusListSource statusLists;
    private final Clock clock;
    private final Duration maxStatusListAge;
    private final Duration clockSkew;
    private final Cryptosuites suites;
    private final TrustView trust;
    private final PolicyVerification policyVerification;

    private Verifier(Builder b) {
        this.resolver = b.resolver;
        this.statusLists = b.statusLists;
        this.clock = b.clock;
        this.maxStatusListAge = b.maxStatusListAge;
        this.clockSkew = b.clockSkew;
        this.suites = b.suites;
        this.trust = b.trust;
        this.policyVerification = b.trust == null ? null : new PolicyVerification(this, b.trust,
            b.challenges != null ? b.challenges : ChallengeRegistry.inMemory(DEFAULT_CHALLENGE_RETENTION, b.clock),
            b.clockSkew, b.suites);
    }

    /**
     * How long the default in-memory registry remembers a used challenge: the default challenge lifetime plus twice
     * the default clock skew, so a replay is refused by the registry or, once forgotten, as too old.
     */
    static final Duration DEFAULT_CHALLENGE_RETENTION = VerifierPolicy.DEFAULT_CHALLENGE_LIFETIME
        .plus(ProofExpectations.DEFAULT_CLOCK_SKEW.multipliedBy(2)).plusMinutes(1);

    /**
     * Verifies what a holder shows a counter, offline, against the trust data and the counter's policy:
     * {@code input} is a credential or a presentation as JSON text, or a presentation QR text ({@code CIV1:…}).
     * Every check of {@link #verify(ObjectNode, VerifierPolicy, Clock)} is made.
     *
     * @throws IllegalStateException when the verifier was built without {@link Builder#trust}
     */
    public VerificationResult verify(String input, VerifierPolicy policy, Clock clock) {
        Objects.requireNonNull(input, "input");
        ObjectNode json;
        try {
            json = input.startsWith(QrCodec.PREFIX) ? QrCodec.decode(input) : IJson.parseObject("input", input);
        } catch (FormatException e) {
            boolean qr = input.startsWith(QrCodec.PREFIX);
            return new VerificationResult(List.of(Check.failed(CheckId.FORMAT, qr
                ? Reason.of("The QR code cannot be read: " + e.getMessage(), "无法读取该二维码：" + e.getMessage())
                : Reason.of("The input is neither a CIV1 QR text nor a JSON object: " + e.getMessage(),
                    "输入既不是 CIV1 二维码文本也不是 JSON 对象：" + e.getMessage()))));
        }
        return verify(json, policy, clock);
    }

    /**
     * Verifies a credential or presentation (not modified) offline against the trust data and {@code policy}, at
     * {@code clock}'s time. The result has, in order: {@code FORMAT}; for a presentation the holder's
     * {@code PROOF}, {@code PROOF_PURPOSE}, {@code CHALLENGE} and {@code VALIDITY_PERIOD}, then {@code REPLAY}
     * (an answer to the counter's challenge is accepted once and within the challenge's lifetime; a one-way
     * presentation within the policy's window) and {@code HOLDER_BINDING}; then for each credential its issuer's
     * proofs, {@code VALIDITY_PERIOD}, {@code STATUS} per entry (revoked, suspended, or a list older than the
     * policy's or the trust data's maximum age: "refresh the trust data"), {@code ISSUER_ACCREDITED} (for its
     * type and {@code jurisdiction} at its {@code validFrom}), {@code SCHEMA} (its claims against the registered
     * schema named by {@code credentialSchema}) and {@code POLICY} (type accepted, required claims present). Each
     * has a reason in English and Chinese. A bad input is an answer, never an exception.
     *
     * @throws IllegalStateException when the verifier was built without {@link Builder#trust}
     */
    public VerificationResult verify(ObjectNode input, VerifierPolicy policy, Clock clock) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        if (policyVerification == null) {
            throw new IllegalStateException("verifying against a policy needs trust data: build with trust(view)");
        }
        return policyVerification.verify(input, policy, clock.instant());
    }

    /** The trust data this verifier was built with, if any. */
    public Optional<TrustView> trust() { return Optional.ofNullable(trust); }

    public static Builder builder() { return new Builder(); }

    /** Verifies untrusted JSON text. */
    public VerificationResult verify(String json, Request request) {
        Objects.requireNonNull(json, "json");
        try {
            return verify(IJson.parseObject("input", json), request);
        } catch (FormatException e) {
            return new VerificationResult(List.of(Check.failed(CheckId.FORMAT, Reason.of(
                "The input is not a JSON object: " + e.getMessage(), "输入不是 JSON 对象：" + e.getMessage()))));
        }
    }

    /** Verifies a parsed JSON object (not modified). */
    public VerificationResult verify(ObjectNode json, Request request) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();
        VerifiableDocument document;
        try {
            document = VerifiableDocument.of(json);
        } catch (FormatException e) {
            return new VerificationResult(List.of(notADocument(e)));
        }
        checks.add(wellFormed(document));
        if (document instanceof Credential credential) {
            checks.addAll(credentialChecks(credential, now));
        } else {
            presentationChecks((Presentation) document, request, now, checks);
        }
        return new VerificationResult(checks);
    }

    /** The failed FORMAT check of JSON that is no credential or presentation. */
    static Check notADocument(FormatException e) {
        return Check.failed(CheckId.FORMAT, Reason.of(
            "Not a valid W3C verifiable credential or presentation: " + e.getMessage(),
            "不是有效的 W3C 可验证凭证或可验证表示：" + e.getMessage()));
    }

    /** The passed FORMAT check, saying what the document is. */
    static Check wellFormed(VerifiableDocument document) {
        if (document instanceof Credential) {
            return Check.passed(CheckId.FORMAT, Reason.of(
                "A well-formed W3C verifiable credential (" + version(document) + ")",
                "格式正确的 W3C 可验证凭证（" + version(document) + "）"));
        }
        int count = ((Presentation) document).credentials().size();
        return Check.passed(CheckId.FORMAT, Reason.of(
            "A well-formed W3C verifiable presentation holding " + count + " credential(s)",
            "格式正确的 W3C 可验证表示，包含 " + count + " 个凭证"));
    }

    /**
     * The holder's proofs on a presentation (added to {@code checks}), and a failed HOLDER_BINDING when the
     * presentation names a holder other than its signers.
     *
     * @return the DIDs whose proofs verified
     */
    static Set<String> holderProofs(Presentation presentation, ObjectNode json, ProofExpectations expectations,
                                    DidResolver resolver, Instant now, Cryptosuites suites, List<Check> checks) {
        Set<String> signers = new HashSet<>();
        if (!presentation.hasProof()) {
            checks.add(Check.failed(CheckId.PROOF, Reason.of(
                "The presentation is not signed by its holder",
                "该表示未经持有人签名")));
        } else {
            ProofVerification proofs = DataIntegrity.verify(json, expectations, resolver, now, suites);
            checks.addAll(proofs.checks());
            for (ProofResult proof : proofs.proofs()) {
                if (proof.verified() && proof.verificationMethod() != null) {
                    String signer = controller(proof.verificationMethod());
                    signers.add(signer);
                    selfCertified(signer).ifPresent(signers::add);
                }
            }
        }
        Optional<String> holder = presentation.holder();
        if (holder.isPresent() && !signers.isEmpty() && !signers.contains(holder.get())) {
            checks.add(Check.failed(CheckId.HOLDER_BINDING, Reason.of(
                "The presentation names " + holder.get() + " as holder but is signed by " + signers,
                "该表示声明的持有人为 " + holder.get() + "，但签名者为 " + signers)));
        }
        return signers;
    }

    /**
     * The did:civitas a did:key signer stands for by construction: a citizen's DID is derived from the key it was
     * created with (the wallet's enrolment device key), so a holder proof by that key's did:key binds the
     * presentation to that citizen with no ledger lookup. Citizens' DID documents are not in a trust bundle (there
     * are millions), so this is how a counter offline binds a presentation to its subject; a later device's key
     * cannot be bound this way, and a revoked enrolment key is only caught by a verifier that resolves the DID.
     */
    static Optional<String> selfCertified(String signer) {
        String prefix = "did:" + DidKey.METHOD + ":";
        if (!signer.startsWith(prefix)) return Optional.empty();
        // The signer's proof verified, so its did:key decoded to a key, and a did:key's method-specific id is that
        // key's publicKeyMultibase text, exactly what the did:civitas derivation hashes: no second decoding.
        return Optional.of(org.civitas.sdk.ledger.CivitasDid.ofMultibase(signer.substring(prefix.length())).toString());
    }

    /** The issuer's proofs on a credential: each verified, each made by the credential's issuer. */
    static List<Check> issuerProofs(Credential credential, ObjectNode json, Duration clockSkew, DidResolver resolver,
                                    Instant now, Cryptosuites suites) {
        List<Check> checks = new ArrayList<>();
        if (!credential.hasProof()) {
            checks.add(Check.failed(CheckId.PROOF, Reason.of("The credential carries no proof of its issuer",
                "该凭证没有签发机构的证明")));
            return checks;
        }
        ProofVerification proofs = DataIntegrity.verify(json,
            new ProofExpectations("assertionMethod", null, null, clockSkew), resolver, now, suites);
        checks.addAll(proofs.checks());
        for (ProofResult proof : proofs.proofs()) {
            if (proof.verificationMethod() == null) continue;
            String signer = controller(proof.verificationMethod());
            if (!signer.equals(credential.issuer())) {
                checks.add(Check.failed(CheckId.PROOF, Reason.of(
                    "A proof is made by " + signer + ", not by the issuer " + credential.issuer(),
                    "有一个证明由 " + signer + " 作出，而非签发机构 " + credential.issuer())));
            }
        }
        return checks;
    }

    private void presentationChecks(Presentation presentation, Request request, Instant now, List<Check> checks) {
        Set<String> signers = holderProofs(presentation, presentation.json(),
            new ProofExpectations("authentication", request.challenge(), request.domain(), clockSkew), resolver, now,
            suites, checks);
        List<Credential> credentials = presentation.credentials();
        for (int i = 0; i < credentials.size(); i++) {
            Credential credential = credentials.get(i);
            String en = "Credential " + (i + 1) + " (" + type(credential) + "): ";
            String zh = "凭证 " + (i + 1) + "（" + type(credential) + "）：";
            boolean bound = credential.subjectIds().stream().anyMatch(signers::contains);
            if (bound) {
                checks.add(Check.passed(CheckId.HOLDER_BINDING, Reason.of(
                    en + "Presented by its subject, who signed the presentation",
                    zh + "由凭证主体本人出示并签名")));
            } else {
                checks.add(Check.failed(CheckId.HOLDER_BINDING, Reason.of(
                    en + "The presentation is not signed by the credential's subject " + credential.subjectIds()
                        + (signers.isEmpty() ? "" : " but by " + signers),
                    zh + "该表示并非由凭证主体 " + credential.subjectIds() + " 签名"
                        + (signers.isEmpty() ? "" : "，签名者为 " + signers))));
            }
            for (Check c : credentialChecks(credential, now)) checks.add(prefixed(c, en, zh));
        }
    }

    private List<Check> credentialChecks(Credential credential, Instant now) {
        List<Check> checks = issuerProofs(credential, credential.json(), clockSkew, resolver, now, suites);
        checks.add(validity(credential, now));
        if (credential.statusEntries().isEmpty()) {
            checks.add(Check.skipped(CheckId.STATUS, Reason.of("The credential has no status entry to check",
                "该凭证没有可检查的状态条目")));
        }
        for (StatusEntry entry : credential.statusEntries()) checks.add(status(credential, entry, now));
        return checks;
    }

    Check validity(Credential credential, Instant now) {
        Optional<Instant> from = credential.validFrom();
        Optional<Instant> until = credential.validUntil();
        if (from.isPresent() && from.get().isAfter(now.plus(clockSkew))) {
            return Check.failed(CheckId.VALIDITY_PERIOD, Reason.of(
                "Not valid yet: valid from " + WHEN.format(from.get()),
                "尚未生效：自 " + WHEN.format(from.get()) + " 起有效"));
        }
        if (until.isPresent() && until.get().isBefore(now.minus(clockSkew))) {
            return Check.failed(CheckId.VALIDITY_PERIOD, Reason.of(
                "Expired on " + WHEN.format(until.get()),
                "已于 " + WHEN.format(until.get()) + " 过期"));
        }
        return Check.passed(CheckId.VALIDITY_PERIOD, Reason.of(
            "Within its validity period" + until.map(u -> " (valid until " + WHEN.format(u) + ")").orElse(""),
            "在有效期内" + until.map(u -> "（有效期至 " + WHEN.format(u) + "）").orElse("")));
    }

    private Check status(Credential credential, StatusEntry entry, Instant now) {
        String url = entry.statusListCredential();
        String purposeEn = entry.statusPurpose().name().toLowerCase();
        Optional<ObjectNode> listJson = statusLists.find(url);
        if (!listJson.isPresent()) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The " + purposeEn + " status list " + url + " is not available offline, so the " + purposeEn
                    + " status cannot be checked",
                "无法离线获取状态列表 " + url + "，无法检查" + purposeZh(entry.statusPurpose()) + "状态"));
        }
        ProofVerification proofs = DataIntegrity.verify(listJson.get(), ProofExpectations.assertion(), resolver, now,
            suites);
        if (!proofs.verified()) {
            Reason why = proofs.checks().stream().filter(c -> c.outcome() == Outcome.FAILED).findFirst()
                .map(Check::reason).orElse(Reason.of("no proof", "没有证明"));
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list " + url + " is not validly signed: " + why.en(),
                "状态列表 " + url + " 的签名无效：" + why.zh()));
        }
        StatusListCredential list;
        try {
            list = StatusListCredential.parse(listJson.get());
        } catch (FormatException e) {
            return Check.failed(CheckId.STATUS, Reason.of("The status list " + url + " is malformed: " + e.getMessage(),
                "状态列表 " + url + " 格式错误：" + e.getMessage()));
        }
        Set<String> listSigners = new HashSet<>();
        for (ProofResult p : proofs.proofs()) listSigners.add(controller(p.verificationMethod()));
        if (!list.issuer().equals(credential.issuer()) || !listSigners.equals(Set.of(list.issuer()))) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list " + url + " was not issued and signed by the credential's issuer " + credential.issuer(),
                "状态列表 " + url + " 并非由该凭证的签发机构 " + credential.issuer() + " 签发和签名"));
        }
        return statusCheck(StatusLookup.lookUp(entry, list, now, maxStatusListAge), entry);
    }

    static Check statusCheck(StatusLookup lookup, StatusEntry entry) {
        String purposeZh = purposeZh(entry.statusPurpose());
        if (lookup instanceof StatusLookup.Active) {
            return Check.passed(CheckId.STATUS, entry.statusPurpose() == StatusPurpose.SUSPENSION
                ? Reason.of("Not suspended", "未被暂停")
                : entry.statusPurpose() == StatusPurpose.REVOCATION ? Reason.of("Not revoked", "未被撤销")
                : Reason.of("No " + entry.statusPurpose().name().toLowerCase() + " status set", "无" + purposeZh + "状态"));
        }
        if (lookup instanceof StatusLookup.Revoked r) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "Revoked by the issuer (status list of " + WHEN.format(r.listIssuedAt()) + ")",
                "已被签发机构撤销（状态列表日期 " + WHEN.format(r.listIssuedAt()) + "）"));
        }
        if (lookup instanceof StatusLookup.Suspended s) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "Suspended by the issuer (status list of " + WHEN.format(s.listIssuedAt()) + ")",
                "已被签发机构暂停（状态列表日期 " + WHEN.format(s.listIssuedAt()) + "）"));
        }
        if (lookup instanceof StatusLookup.RefreshAvailable) {
            return Check.passed(CheckId.STATUS, Reason.of("Valid; the issuer offers a newer version of it",
                "有效；签发机构提供了更新的版本"));
        }
        if (lookup instanceof StatusLookup.Message m) {
            return Check.passed(CheckId.STATUS, Reason.of("Status message from the issuer: " + m.message(),
                "签发机构的状态消息：" + m.message()));
        }
        if (lookup instanceof StatusLookup.ListTooOld old) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The " + purposeEn(entry) + " status list dates from " + WHEN.format(old.listIssuedAt())
                    + ", older than the " + hours(old.maxAge()) + " this counter accepts: refresh the trust data",
                purposeZh + "状态列表日期为 " + WHEN.format(old.listIssuedAt()) + "，超过本窗口允许的 "
                    + hours(old.maxAge()) + "：请更新信任数据"));
        }
        if (lookup instanceof StatusLookup.ListExpired expired) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list expired on " + WHEN.format(expired.validUntil()) + ": refresh the trust data",
                "状态列表已于 " + WHEN.format(expired.validUntil()) + " 过期：请更新信任数据"));
        }
        if (lookup instanceof StatusLookup.ListNotYetValid early) {
            return Check.failed(CheckId.STATUS, Reason.of(
                "The status list is only valid from " + WHEN.format(early.validFrom()),
                "状态列表自 " + WHEN.format(early.validFrom()) + " 起才有效"));
        }
        return Check.failed(CheckId.STATUS, Reason.of(
            "The status entry does not fit its status list (" + lookup + ")",
            "状态条目与其状态列表不符（" + lookup + "）"));
    }

    private static String purposeEn(StatusEntry entry) { return entry.statusPurpose().name().toLowerCase(); }

    private static String purposeZh(StatusPurpose purpose) {
        switch (purpose) {
            case REVOCATION: return "撤销";
            case SUSPENSION: return "暂停";
            case REFRESH: return "更新";
            default: return "消息";
        }
    }

    private static String hours(Duration d) {
        return d.toHours() >= 48 ? d.toDays() + " days" : d.toHours() + " h";
    }

    /** The DID (or URL) a verification method belongs to: its id without the fragment. */
    static String when(Instant instant) { return WHEN.format(instant); }

    static String controller(String verificationMethod) {
        int hash = verificationMethod.indexOf('#');
        return hash < 0 ? verificationMethod : verificationMethod.substring(0, hash);
    }

    static String version(VerifiableDocument document) {
        return "VC Data Model " + (document.version().name().equals("V2_0") ? "2.0" : "1.1");
    }

    static String type(Credential credential) {
        List<String> types = credential.types();
        return types.size() > 1 ? types.get(types.size() - 1) : types.get(0);
    }

    static Check prefixed(Check check, String en, String zh) {
        if (en.isEmpty()) return check;
        return new Check(check.id(), check.outcome(), Reason.of(en + check.reason().en(), zh + check.reason().zh()));
    }

    /** Configures a {@link Verifier}. Not thread-safe. */
    public static final class Builder {
        private DidResolver resolver = DidKey.resolver();
        private StatusListSource statusLists = StatusListSource.none();
        private Clock clock = Clock.systemUTC();
        private Duration maxStatusListAge = Duration.ofDays(1);
        private Duration clockSkew = ProofExpectations.DEFAULT_CLOCK_SKEW;
        private Cryptosuites suites = Cryptosuites.standard();
        private TrustView trust;
        private ChallengeRegistry challenges;

        private Builder() { }

        /**
         * The trust data (a loaded trust bundle) that {@link #verify(String, VerifierPolicy, Clock)} checks against:
         * DID documents, status lists, accreditations and schemas. Also sets the resolver to the trust data's.
         */
        public Builder trust(TrustView view) {
            this.trust = Objects.requireNonNull(view, "view");
            this.resolver = view.resolver();
            return this;
        }

        /**
         * Where used interactive challenges are recorded; default: in this verifier's memory. Counters with several
         * verifiers share one.
         */
        public Builder challenges(ChallengeRegistry registry) {
            this.challenges = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** How DIDs are resolved; default: did:key only. */
        public Builder resolver(DidResolver resolver) { this.resolver = Objects.requireNonNull(resolver); return this; }

        /** Where signed status lists come from; default: none (status entries then fail as unverifiable). */
        public Builder statusLists(StatusListSource source) { this.statusLists = Objects.requireNonNull(source); return this; }

        /** The clock; default: the system's UTC clock. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        /** The oldest status list accepted, from its validFrom; default one day. */
        public Builder maxStatusListAge(Duration age) { this.maxStatusListAge = Objects.requireNonNull(age); return this; }

        /** Tolerated clock difference for validity periods and proof times; default five minutes. */
        public Builder clockSkew(Duration skew) { this.clockSkew = Objects.requireNonNull(skew); return this; }

        /** The cryptosuites (and JSON-LD contexts for RDFC); default: the standard suites with bundled contexts. */
        public Builder suites(Cryptosuites suites) { this.suites = Objects.requireNonNull(suites); return this; }

        public Verifier build() { return new Verifier(this); }
    }
}
