package org.civitas.ops.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.ops.counter.CounterStore;
import org.civitas.ops.qr.QrImages;
import org.civitas.proto.identity.v1.AccreditationRequest;
import org.civitas.proto.identity.v1.AgencyKind;
import org.civitas.proto.identity.v1.ChallengePurpose;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.DecideAccreditationRequestRequest;
import org.civitas.proto.identity.v1.DeviceInfo;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.EnrolCitizenResponse;
import org.civitas.proto.identity.v1.GetAgencyRequest;
import org.civitas.proto.identity.v1.GetAgencyResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.IdentityProofing;
import org.civitas.proto.identity.v1.OnboardAgencyRequest;
import org.civitas.proto.identity.v1.OnboardProvincialRootRequest;
import org.civitas.proto.identity.v1.RequestAccreditationRequest;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.ListCredentialsRequest;
import org.civitas.proto.issuer.v1.RevokeCredentialRequest;
import org.civitas.proto.issuer.v1.RevokeCredentialResponse;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeRequest;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeResponse;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.proto.verifier.v1.VerifyPresentationRequest;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.holder.HolderPresentation;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.policy.CounterPolicies;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The end-to-end demo as a client of the running services over gRPC: a provincial root onboarded with the national
 * root's grant; a health bureau, a housing registry, a university and a social-security bureau onboarded under it,
 * each with an Ed25519 and an SM2 key, accredited for their certificate type in one district, their issuing keys
 * handed to credential-issuer; a registrar accredited for citizen enrolment; a citizen's wallet (P-256 device key)
 * enrolled; one certificate of each domain issued and listed by the wallet; a presentation of the property
 * certificate answering the housing office's challenge, as a QR code (PNG); the counter's offline verification with
 * its trust bundle; the online verifier's (and its refusal of a replay); the housing registry's revocation; the
 * counter's verification after the bundle delta, which must say revoked.
 *
 * <p>A later run on the same ledger reuses the parties an earlier one kept (see {@link Settings#outputDir}) and
 * enrols a new citizen, so it can run again and again on the same system. It narrates one line per step to {@code out} and answers a {@link DemoSummary}; it never throws
 * for a failed step. Not thread-safe; one run per instance.
 */
public final class DemoFlow {

    /**
     * Where the running system is and what the demo may read and write.
     *
     * @param ledger        the ledger's gRPC {@code host:port}
     * @param identity      identity-service's gRPC {@code host:port}
     * @param issuer        credential-issuer's gRPC {@code host:port}
     * @param genesisFile   the ledger's signed genesis (its trust anchor)
     * @param nationalRoot  the national root's key (Multikey with secret), which signs the provincial root's grant
     * @param keyImportDir  credential-issuer's key import directory, where agencies hand over their issuing keys
     * @param publisherDidFile the did:key credential-issuer signs trust bundles with, which the counter pins
     * @param outputDir     where the QR codes are written, the parties kept for the next run, and the counter's
     *                      trust data
     * @param region        the district (GB/T 2260) the agencies are accredited for and the citizen is enrolled in
     */
    public record Settings(String ledger, String identity, String issuer, Path genesisFile, Path nationalRoot,
                           Path keyImportDir, Path publisherDidFile, Path outputDir, String region) {
        /** The demo's files under a deployment's data directory ({@code var/}, as {@code civitas up} lays it out). */
        public static Settings under(Path var, String ledger, String identity, String issuer, Path keyImportDir) {
            return new Settings(ledger, identity, issuer, var.resolve("ledger/genesis.json"),
                var.resolve("ledger/keys/national-root.json"),
                keyImportDir != null ? keyImportDir : var.resolve("issuer/import"),
                var.resolve("issuer/bundle-publisher.did"), var.resolve("demo"), "310115");
        }
    }

    /** One issuing agency of the demo and the certificate it issues. */
    private record Role(String nameEn, String nameZh, AgencyKind kind, String credentialType, String claimsJson) { }

    /**
     * An onboarded agency: its DID and keys as Multikey documents with their secrets (the Ed25519 genesis key also
     * signs its service tokens; {@code sm2} is null for the registrar).
     */
    private record Agency(Role role, Party party, String ed25519, String sm2) {
        static Agency of(Role role, SavedParties.Keys keys) throws FormatException {
            return new Agency(role, Party.of(keys.ed25519()), keys.ed25519(), keys.sm2());
        }

        SavedParties.Keys keys() { return new SavedParties.Keys(ed25519, sm2); }
    }

    private static final String PROVINCE = "310000";
    private static final String ENROLMENT = "CitizenEnrolment";
    private static final String IDENTITY_AUDIENCE = "identity-service";
    private static final String ISSUER_AUDIENCE = "credential-issuer";
    private static final String COUNTER_DOMAIN = "housing-office.pudong.example";
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    private static final Duration KEY_IMPORT_PATIENCE = Duration.ofSeconds(300);

    private static final List<Role> ISSUERS = List.of(
        new Role("Pudong New Area Health Commission", "浦东新区卫生健康委员会", AgencyKind.HEALTH_BUREAU,
            "VaccinationCertificate", """
                {"targetDisease":"Measles","vaccine":"MMR","manufacturer":"Shanghai Institute of Biological Products",
                 "batchNumber":"MMR-2026-0412","doseNumber":2,"totalDoses":2,"vaccinationDate":"2026-03-14",
                 "administeringCentre":"Pudong Community Health Centre","country":"CN"}"""),
        new Role("Pudong New Area Real Estate Registration Centre", "浦东新区不动产登记中心", AgencyKind.HOUSING_REGISTRY,
            "PropertyOwnershipCertificate", """
                {"certificateNumber":"HU-2024-PD-0012345","propertyAddress":"88 Century Avenue, Apt 1203, Pudong",
                 "propertyRegion":"310115","propertyUse":"residential","floorArea":89.5,"ownership":"sole",
                 "registrationDate":"2024-05-20"}"""),
        new Role("Pudong University", "浦东大学", AgencyKind.UNIVERSITY, "Diploma", """
                {"holderName":"Li Wei","institution":"Pudong University","degree":"bachelor",
                 "fieldOfStudy":"Computer Science","graduationDate":"2025-06-30","certificateNumber":"PDU2025001234"}"""),
        new Role("Pudong New Area Social Security Bureau", "浦东新区社会保障局", AgencyKind.SOCIAL_SECURITY_BUREAU,
            "SocialSecurityCard", """
                {"cardNumber":"M31011500Q7","name":"Li Wei","dateOfBirth":"%s","issuingRegion":"310115",
                 "cardGeneration":3}"""));
    private static final Role REGISTRAR = new Role("Pudong Household Registration Office", "浦东新区户政办公室",
        AgencyKind.REGISTRAR, ENROLMENT, null);
    /** The certificate the wallet presents at the counter, and the housing registry later revokes. */
    private static final String PRESENTED_TYPE = "PropertyOwnershipCertificate";

    private final Settings settings;
    private final PrintStream out;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<DemoSummary.Step> steps = new ArrayList<>();

    private LedgerTrust trust;
    private boolean reused;
    private Party nationalRoot;
    private Party province;
    private String provinceKey;
    private final Map<String, Agency> agencies = new LinkedHashMap<>();
    private Agency registrar;
    private Party wallet;
    private LocalDate birthDate;
    private final Map<String, IssuedCredential> issued = new LinkedHashMap<>();
    private ChallengeQr challenge;
    private Path presentationPng;
    private CounterStore counter;
    private long revokedListVersion;
    private String finalVerdict = "";
    private boolean endedRevoked;

    private DemoFlow(Settings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** Runs the demo against the services named in {@code settings}, narrating to {@code out}. */
    public static DemoSummary run(Settings settings, PrintStream out, Clock clock) {
        return new DemoFlow(settings, out, clock).run();
    }

    private DemoSummary run() {
        ManagedChannel ledgerChannel = channel(settings.ledger());
        ManagedChannel identityChannel = channel(settings.identity());
        ManagedChannel issuerChannel = channel(settings.issuer());
        try {
            IdentityGrpc.IdentityBlockingStub identity = IdentityGrpc.newBlockingStub(withDeadlines(identityChannel));
            CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer = CredentialIssuerGrpc.newBlockingStub(withDeadlines(issuerChannel));
            step("Trust anchors", this::readAnchors);
            LedgerClient ledger = trust == null ? null : new LedgerClient(ledgerChannel, trust);
            step("Provincial root", () -> provincialRoot(identity));
            step("Agencies", () -> agencies(identity, ledger));
            step("Issuing keys", this::handOverIssuingKeys);
            step("Citizen enrolment", () -> enrolCitizen(identity));
            step("Issuance", () -> issueCertificates(issuer));
            step("Wallet", () -> listInWallet(issuer));
            step("Presentation QR", this::presentAtCounter);
            step("Counter verifies offline", () -> verifyAtCounter(issuer));
            step("Online verifier", () -> verifyOnline(VerifierGrpc.newBlockingStub(withDeadlines(identityChannel))));
            step("Revocation", () -> revoke(issuer));
            step("Delta, verify again", () -> verifyAfterRevocation(issuer));
        } finally {
            for (ManagedChannel c : List.of(ledgerChannel, identityChannel, issuerChannel)) c.shutdownNow();
        }
        return new DemoSummary(steps, finalVerdict, endedRevoked);
    }

    // --- the steps ------------------------------------------------------------------------------------------------

    private String readAnchors() throws IOException, FormatException {
        for (Path file : List.of(settings.genesisFile(), settings.nationalRoot())) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("cannot read " + file + ": the demo needs the ledger's genesis and its "
                    + "national root key as 'civitas up' founds them (point --var at that deployment's data)");
            }
        }
        trust = LedgerTrust.fromGenesis(SignedTransaction.parseJson(Files.readString(settings.genesisFile())));
        nationalRoot = Party.of(Files.readString(settings.nationalRoot()));
        return "ledger genesis and the national root key " + nationalRoot.did();
    }

    /** The parties of an earlier run on this ledger when they are all still onboarded and accredited, else new ones. */
    private String provincialRoot(IdentityGrpc.IdentityBlockingStub identity) throws FormatException {
        Optional<SavedParties> saved = SavedParties.read(savedPartiesFile())
            .filter(p -> Arrays.equals(p.ledgerId(), trust.ledgerId()));
        if (saved.isPresent() && stillAccredited(identity, saved.get())) {
            reused = true;
            province = Party.of(saved.get().province());
            registrar = Agency.of(REGISTRAR, saved.get().agencies().get(ENROLMENT));
            for (Role role : ISSUERS) {
                agencies.put(role.credentialType(), Agency.of(role, saved.get().agencies().get(role.credentialType())));
            }
            return province.did() + ", reused: onboarded by an earlier run (" + savedPartiesFile() + ")";
        }
        return onboardProvincialRoot(identity);
    }

    private boolean stillAccredited(IdentityGrpc.IdentityBlockingStub identity, SavedParties saved) {
        try {
            if (!accredited(identity, Party.of(saved.province()).did(), null)) return false;
            for (Role role : ISSUERS) {
                SavedParties.Keys keys = saved.agencies().get(role.credentialType());
                if (keys == null || keys.sm2() == null || !accredited(identity, keys.did(), role.credentialType())) return false;
            }
            SavedParties.Keys registrarKeys = saved.agencies().get(ENROLMENT);
            return registrarKeys != null && accredited(identity, registrarKeys.did(), ENROLMENT);
        } catch (FormatException | StatusRuntimeException e) {
            return false;       // anything unexpected: onboard new parties rather than guess
        }
    }

    /** Whether identity-service knows the agency, with a grant in force for the type in the demo's region. */
    private boolean accredited(IdentityGrpc.IdentityBlockingStub identity, Did did, String type) {
        GetAgencyResponse agency = identity.getAgency(GetAgencyRequest.newBuilder().setDid(did.toString()).build());
        return agency.getAccreditationsList().stream().anyMatch(a -> !a.hasWithdrawnAt()
            && (!a.hasValidUntil() || LedgerProtos.instant(a.getValidUntil()).isAfter(clock.instant().plusSeconds(3600)))
            && (type == null || a.getCredentialTypesList().contains(type) && a.getRegionsList().contains(settings.region())));
    }

    private String onboardProvincialRoot(IdentityGrpc.IdentityBlockingStub identity) {
        NewKey key = SigningKey.generate(KeyType.ED25519);
        DidDocument document = CivitasDid.initialDocument(key.signingKey().verificationKey());
        province = new Party(document.id(), document.id() + "#key-0", key.signingKey());
        provinceKey = MultikeyDocument.withSecret(key, province.keyId(), province.did().toString()).toString();
        List<String> types = new ArrayList<>(ISSUERS.stream().map(Role::credentialType).toList());
        types.add(ENROLMENT);
        SignedTransaction grant = SignedTransaction.sign(new Transaction.AccreditationGrant(nationalRoot.did(),
            province.did(), Transaction.Tier.PROVINCIAL_ROOT, types, List.of(PROVINCE), clock.instant().minusSeconds(60),
            null, nonce()), Map.of(nationalRoot.keyId(), nationalRoot.key()));
        call(() -> identity.onboardProvincialRoot(OnboardProvincialRootRequest.newBuilder().setRequestId(nonce())
            .setNameEn("Shanghai Provincial Root").setNameZh("上海市根机构").setRegion(PROVINCE)
            .setDidCreateTransaction(LedgerProtos.toProto(province.sign(new Transaction.DidCreate(document, nonce()))))
            .setGrantTransaction(LedgerProtos.toProto(grant)).build()));
        return province.did() + ", granted " + types.size() + " types in " + PROVINCE + " by the national root";
    }

    private String agencies(IdentityGrpc.IdentityBlockingStub identity, LedgerClient ledger) throws IOException {
        if (reused) {
            for (Agency agency : agencies.values()) {
                say("    %-47s %s  reused, accredited for %s in %s", agency.role().nameEn(), agency.party().did(),
                    agency.role().credentialType(), settings.region());
            }
            say("    %-47s %s  reused, accredited for %s in %s", REGISTRAR.nameEn(), registrar.party().did(), ENROLMENT,
                settings.region());
            return "reused " + ISSUERS.size() + " issuers and the registrar of an earlier run (still onboarded and "
                + "accredited)";
        }
        String result = onboardAgencies(identity, ledger);
        Map<String, SavedParties.Keys> keys = new LinkedHashMap<>();
        agencies.forEach((type, agency) -> keys.put(type, agency.keys()));
        keys.put(ENROLMENT, registrar.keys());
        new SavedParties(trust.ledgerId(), provinceKey, keys).write(savedPartiesFile());
        return result;
    }

    private String onboardAgencies(IdentityGrpc.IdentityBlockingStub identity, LedgerClient ledger) {
        for (Role role : ISSUERS) {
            Agency agency = onboardAgency(identity, ledger, role);
            agencies.put(role.credentialType(), agency);
            say("    %-47s %s  Ed25519 + SM2, accredited for %s in %s", role.nameEn(), agency.party().did(),
                role.credentialType(), settings.region());
        }
        registrar = onboardAgency(identity, ledger, REGISTRAR);
        say("    %-47s %s  accredited for %s in %s", REGISTRAR.nameEn(), registrar.party().did(), ENROLMENT,
            settings.region());
        return ISSUERS.size() + " issuers (Ed25519 + SM2 keys) and a registrar, accredited in " + settings.region();
    }

    /**
     * Onboards one agency: its did.create through identity-service, its SM2 key added by a did.update on the ledger
     * (signed by the genesis key and by the new key, proving possession), then an accreditation request the
     * provincial root approves with its signed grant.
     */
    private Agency onboardAgency(IdentityGrpc.IdentityBlockingStub identity, LedgerClient ledger, Role role) {
        NewKey ed25519 = SigningKey.generate(KeyType.ED25519);
        DidDocument document = CivitasDid.initialDocument(ed25519.signingKey().verificationKey());
        Party party = new Party(document.id(), document.id() + "#key-0", ed25519.signingKey());
        SignedTransaction created = party.sign(new Transaction.DidCreate(document, nonce()));
        call(() -> identity.withCallCredentials(province.tokensFor(IDENTITY_AUDIENCE, clock))
            .onboardAgency(OnboardAgencyRequest.newBuilder().setRequestId(nonce()).setNameEn(role.nameEn())
                .setNameZh(role.nameZh()).setKind(role.kind()).setRegion(settings.region())
                .setDidCreateTransaction(LedgerProtos.toProto(created)).build()));
        String sm2Key = null;
        if (role.claimsJson() != null) {
            NewKey sm2 = SigningKey.generate(KeyType.SM2);
            addSm2Key(ledger, party, document, created, sm2);
            sm2Key = MultikeyDocument.withSecret(sm2, party.did() + "#sm2-1", party.did().toString()).toString();
        }
        AccreditationRequest request = call(() -> identity.withCallCredentials(party.tokensFor(IDENTITY_AUDIENCE, clock))
            .requestAccreditation(RequestAccreditationRequest.newBuilder().setRequestId(nonce())
                .setAgencyDid(party.did().toString()).setProvincialRootDid(province.did().toString())
                .addCredentialTypes(role.credentialType()).addRegions(settings.region())
                .setJustification("Issues " + role.credentialType() + " in " + settings.region()).build()))
            .getAccreditationRequest();
        SignedTransaction grant = province.sign(new Transaction.AccreditationGrant(province.did(), party.did(),
            Transaction.Tier.AGENCY, List.of(role.credentialType()), List.of(settings.region()),
            clock.instant().minusSeconds(60), null, nonce()));
        call(() -> identity.withCallCredentials(province.tokensFor(IDENTITY_AUDIENCE, clock))
            .decideAccreditationRequest(DecideAccreditationRequestRequest.newBuilder().setRequestId(nonce())
                .setAccreditationRequestId(request.getId()).setGrantTransaction(LedgerProtos.toProto(grant)).build()));
        return new Agency(role, party,
            MultikeyDocument.withSecret(ed25519, party.keyId(), party.did().toString()).toString(), sm2Key);
    }

    private static void addSm2Key(LedgerClient ledger, Party party, DidDocument document, SignedTransaction created,
                                  NewKey sm2) {
        ObjectNode json = document.json();
        String sm2Id = party.did() + "#sm2-1";
        json.withArray("verificationMethod").addObject().put("id", sm2Id).put("type", "Multikey")
            .put("controller", party.did().toString())
            .put("publicKeyMultibase", sm2.signingKey().verificationKey().toMultibase());
        json.withArray("assertionMethod").add(sm2Id);
        try {
            SignedTransaction update = party.sign(new Transaction.DidUpdate(DidDocument.of(json),
                created.hash(ledger.trust().hash()), List.of(), nonce())).withSignature(sm2Id, sm2.signingKey());
            call(() -> ledger.submit(update));
        } catch (FormatException e) {
            throw new IllegalStateException("the SM2 key did not make a valid DID document: " + e.getMessage(), e);
        }
    }

    /**
     * Drops each issuer's two keys (Multikey with secret, owner-only) into credential-issuer's import directory and
     * waits until the service has taken them in: it deletes each file it imported, and renames a bad one
     * {@code *.rejected}. Reused agencies hand theirs over again: a key the issuer holds already is skipped at once,
     * and one it lost (a new keystore) is imported.
     */
    private String handOverIssuingKeys() throws IOException, InterruptedException {
        Files.createDirectories(settings.keyImportDir());
        List<Path> files = new ArrayList<>();
        for (Agency agency : agencies.values()) {
            files.add(writeKey(agency.ed25519()));
            files.add(writeKey(agency.sm2()));
        }
        long start = System.nanoTime();
        long deadline = start + KEY_IMPORT_PATIENCE.toNanos();
        long left = files.size();
        long lastSaid = start;
        while (left > 0) {
            for (Path file : files) {
                if (Files.exists(file.resolveSibling(file.getFileName() + ".rejected"))) {
                    throw new IllegalStateException("credential-issuer rejected " + file.getFileName()
                        + "; see its log");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("credential-issuer did not import the keys from " + settings.keyImportDir()
                    + " within " + KEY_IMPORT_PATIENCE.toSeconds() + " s: is it running with that import directory?");
            }
            Thread.sleep(200);
            long now = System.nanoTime();
            long stillThere = files.stream().filter(Files::exists).count();
            // progress when a key goes in, and every 5 s while none does (the issuer looks every few seconds)
            if (stillThere > 0 && (stillThere < left || now - lastSaid > 5_000_000_000L)) {
                say("    credential-issuer has taken %d of %d keys (%d s) ...", files.size() - stillThere, files.size(),
                    (now - start) / 1_000_000_000L);
                lastSaid = now;
            }
            left = stillThere;
        }
        return files.size() + " keys handed over; credential-issuer holds them (taken from its import directory)";
    }

    private Path writeKey(String multikey) throws IOException {
        String name;
        try {
            name = MultikeyDocument.member(multikey, "id").substring("did:civitas:".length()).replace('#', '-');
        } catch (FormatException e) {
            throw new IllegalStateException("a key of the demo has no id", e);
        }
        Path temporary = settings.keyImportDir().resolve(name + ".json.part");
        Files.writeString(temporary, multikey, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system decides
        }
        // the issuer reads *.json only: the rename makes the whole file appear at once
        return Files.move(temporary, temporary.resolveSibling(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private String enrolCitizen(IdentityGrpc.IdentityBlockingStub identity) {
        NewKey device = SigningKey.generate(KeyType.P256);
        for (int attempt = 1; ; attempt++) {
            birthDate = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(40 * 365));
            String nationalId = NationalId.generate(settings.region(), birthDate, random);
            CreateChallengeResponse challengeResponse = call(() -> identity.createChallenge(CreateChallengeRequest
                .newBuilder().setPurpose(ChallengePurpose.ENROL)
                .setPublicKeyMultibase(device.signingKey().verificationKey().toMultibase()).build()));
            byte[] signature = device.signingKey().sign(challengeResponse.getPayloadToSign().toByteArray());
            try {
                EnrolCitizenResponse enrolled = call(() -> identity
                    .withCallCredentials(registrar.party().tokensFor(IDENTITY_AUDIENCE, clock))
                    .enrolCitizen(EnrolCitizenRequest.newBuilder().setRequestId(nonce())
                        .setChallengeId(challengeResponse.getChallengeId())
                        .setDeviceSignature(ByteString.copyFrom(signature))
                        .setProofing(IdentityProofing.newBuilder().setNationalIdNumber(nationalId)
                            .setMethod("in-person-document-check").setAssuranceLevel(2)
                            .setProofedAt(LedgerProtos.timestamp(clock.instant())))
                        .setDevice(DeviceInfo.newBuilder().setDisplayName("Li Wei's phone").setPlatform("jvm")
                            .setKeyStorage("software"))
                        .setRegion(settings.region()).build()));
                wallet = new Party(Did.parse(enrolled.getCitizenDid()), enrolled.getVerificationMethod(),
                    device.signingKey());
                return wallet.did() + ", P-256 device key " + enrolled.getDeviceId() + ", national id "
                    + nationalId.substring(0, 6) + "********" + nationalId.substring(14);
            } catch (StatusRuntimeException e) {
                // one person, one DID: a random number that happens to be enrolled already is drawn again
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS || attempt == 3) throw e;
            } catch (FormatException e) {
                throw new IllegalStateException("identity-service answered a malformed DID: " + e.getMessage(), e);
            }
        }
    }

    private String issueCertificates(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer) {
        for (Agency agency : agencies.values()) {
            String claims = String.format(agency.role().claimsJson(), birthDate);
            IssueCredentialRequest request = IssueCredentialRequest.newBuilder().setRequestId(nonce())
                .setCredentialType(agency.role().credentialType()).setSubjectDid(wallet.did().toString())
                .setClaimsJson(claims).setRegion(settings.region()).build();
            IssuedCredential credential = call(() -> issuer
                .withCallCredentials(agency.party().tokensFor(ISSUER_AUDIENCE, clock)).issueCredential(request))
                .getCredential();
            issued.put(agency.role().credentialType(), credential);
            say("    %-28s %s by %s", credential.getCredentialType(), credential.getCredentialId(), agency.role().nameEn());
        }
        return issued.size() + " certificates (" + String.join(", ", issued.keySet()) + "), each signed with "
            + "eddsa-jcs-2022 + sm2-jcs-2025";
    }

    private String listInWallet(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer) {
        List<IssuedCredential> held = call(() -> issuer.withCallCredentials(wallet.tokensFor(ISSUER_AUDIENCE, clock))
            .listCredentials(ListCredentialsRequest.newBuilder().setHolderDid(wallet.did().toString()).build()))
            .getCredentialsList();
        List<String> ids = held.stream().map(IssuedCredential::getCredentialId).toList();
        for (IssuedCredential mine : issued.values()) {
            if (!ids.contains(mine.getCredentialId())) {
                throw new IllegalStateException("the wallet does not see " + mine.getCredentialType() + " "
                    + mine.getCredentialId());
            }
        }
        return "the citizen, signed in with the device key, sees " + held.size() + " certificates";
    }

    /**
     * The housing office shows its challenge QR; the wallet reads it, answers with a presentation of the property
     * certificate signed by the device key, and shows it as a QR code.
     */
    private String presentAtCounter() throws IOException, FormatException {
        Path dir = Files.createDirectories(settings.outputDir().resolve(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant())));
        challenge = new ChallengeQr(ChallengeQr.newChallenge(random), COUNTER_DOMAIN, List.of(PRESENTED_TYPE),
            clock.instant().plus(Duration.ofMinutes(5)));
        Path challengePng = dir.resolve("challenge.png");
        QrImages.writePng(challenge.encode(), challengePng);
        ChallengeQr scanned = ChallengeQr.parse(QrImages.readPng(challengePng));
        ObjectNode credential = IJson.parseObject("credential", issued.get(PRESENTED_TYPE).getCredentialJson());
        ObjectNode presentation = HolderPresentation.answer(List.of(credential), null,
            offlineKeyId(), wallet.key(), scanned.challenge(), scanned.domain(), clock.instant());
        String qr = QrCodec.encode(presentation);
        presentationPng = dir.resolve("presentation.png");
        QrImages.writePng(qr, presentationPng);
        QrImages.Symbol symbol = QrImages.symbol(qr);
        return PRESENTED_TYPE + " answering the housing office's challenge: " + qr.length() + " characters, QR version "
            + symbol.version() + " (" + symbol.modules() + "x" + symbol.modules() + "), " + presentationPng;
    }

    /**
     * The counter, while still online, refreshes its trust bundle (the first time it pins the ledger's genesis and
     * the publisher's did:key), then verifies the QR offline against the housing office's policy.
     */
    private String verifyAtCounter(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer) throws Exception {
        Path store = settings.outputDir().resolve("counter");
        counter = CounterStore.exists(store) ? CounterStore.open(store)
            : CounterStore.create(store, settings.genesisFile(), Files.readString(settings.publisherDidFile()).trim());
        List<String> lists = presentedStatusLists();
        CounterStore.Refreshed refreshed = refreshUntil(issuer,
            b -> lists.stream().allMatch(url -> b.statusList(url).isPresent()), "the certificate's status lists");
        say("    counter's trust data: %s (%s)", describe(refreshed.bundle()), refreshed.how());
        VerificationResult result = verifyOffline();
        if (!result.accepted()) {
            throw new IllegalStateException("the counter did not accept the presentation: " + failures(result));
        }
        return "ACCEPTED offline by the housing-office policy, " + result.checks().size() + " checks passed (proofs, "
            + "holder binding, challenge, validity, status, accreditation, schema, policy)";
    }

    /**
     * The wallet signs presentations with the did:key of its enrolment key: a counter holds no citizens' DID
     * documents, and the verifier binds that did:key to the citizen's did:civitas, which derives from it.
     */
    private String offlineKeyId() {
        return DidKey.verificationMethodId(wallet.key().verificationKey());
    }

    /**
     * Refreshes until the bundle has what the counter is about to check: the publisher builds a new bundle when
     * the ledger head moved, at most every few seconds, so what was just anchored may need a moment.
     */
    private CounterStore.Refreshed refreshUntil(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer,
                                                java.util.function.Predicate<TrustBundle> ready, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        CounterStore.Refreshed refreshed = counter.refresh(issuer, clock.instant());
        while (!ready.test(refreshed.bundle())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the publisher's trust bundle still lacks " + what + " after 90 s");
            }
            say("    waiting for the publisher's next trust bundle (%s) ...", what);
            Thread.sleep(2000);
            refreshed = counter.refresh(issuer, clock.instant());
        }
        return refreshed;
    }

    /** The status list URLs of the presented certificate. */
    private List<String> presentedStatusLists() throws FormatException {
        ObjectNode credential = IJson.parseObject("credential", issued.get(PRESENTED_TYPE).getCredentialJson());
        List<String> urls = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode entry : credential.path("credentialStatus")) {
            urls.add(entry.path("statusListCredential").asText());
        }
        return urls;
    }

    /** What the counter sees with no network: the QR from the PNG and the trust bundle on disk. */
    private VerificationResult verifyOffline() throws Exception {
        TrustBundle bundle = counter.load(clock.instant());
        VerifierPolicy policy = CounterPolicies.housingOffice().expecting(challenge.challenge(), challenge.domain());
        // a new verifier for each look at the QR: its single-use memory of challenges must not refuse the second look
        return Verifier.builder().trust(bundle).clock(clock).build()
            .verify(QrImages.readPng(presentationPng), policy, clock);
    }

    /**
     * A counter that prefers the network asks identity-service's online verifier: a challenge from it, the wallet's
     * answer, the verdict; the same answer a second time is refused as a replay.
     */
    private String verifyOnline(VerifierGrpc.VerifierBlockingStub verifier) throws Exception {
        Agency housing = agencies.get(PRESENTED_TYPE);
        VerifierGrpc.VerifierBlockingStub asCounter = verifier.withCallCredentials(
            housing.party().tokensFor(IDENTITY_AUDIENCE, clock));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            VerifyPresentationRequest request = answerOnlineChallenge(asCounter);
            org.civitas.proto.verifier.v1.VerificationResult first;
            try {
                first = asCounter.verifyPresentation(request).getResult();
            } catch (StatusRuntimeException e) {
                // UNAVAILABLE: the online verifier has no trust bundle yet
                if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || System.nanoTime() > deadline) throw e;
                say("    waiting for the online verifier's first trust bundle ...");
                Thread.sleep(1000);
                continue;
            }
            if (!first.getAccepted()) {
                if (onlyStaleTrust(first) && System.nanoTime() < deadline) {
                    // its bundle predates the certificate; it refreshes every few seconds: answer a new challenge
                    say("    the online verifier's trust bundle predates the certificate; asking again ...");
                    Thread.sleep(1000);
                    continue;
                }
                throw new IllegalStateException("the online verifier did not accept the presentation: "
                    + failedChecks(first));
            }
            org.civitas.proto.verifier.v1.VerificationResult replay = call(() -> asCounter.verifyPresentation(
                request.toBuilder().setRequestId(nonce()).build())).getResult();
            boolean refused = !replay.getAccepted() && replay.getChecksList().stream().anyMatch(c ->
                c.getId().equals("REPLAY") && c.getOutcome() == org.civitas.proto.verifier.v1.Outcome.FAILED);
            if (!refused) throw new IllegalStateException("the online verifier accepted a replayed presentation");
            return "ACCEPTED by identity-service's online verifier (" + first.getChecksCount() + " checks); the same "
                + "QR again is refused as a replay";
        }
    }

    /** A counter with network asks the online verifier for a challenge; the wallet answers it as a QR. */
    private VerifyPresentationRequest answerOnlineChallenge(VerifierGrpc.VerifierBlockingStub asCounter)
            throws Exception {
        CreatePresentationChallengeResponse online = call(() -> asCounter.createPresentationChallenge(
            CreatePresentationChallengeRequest.newBuilder().setRequestId(nonce()).setDomain(COUNTER_DOMAIN)
                .setPolicy("housing-office").build()));
        ChallengeQr scanned = ChallengeQr.parse(online.getChallengeQrText());
        ObjectNode credential = IJson.parseObject("credential", issued.get(PRESENTED_TYPE).getCredentialJson());
        String qr = QrCodec.encode(HolderPresentation.answer(List.of(credential), null, offlineKeyId(), wallet.key(),
            scanned.challenge(), scanned.domain(), clock.instant()));
        return VerifyPresentationRequest.newBuilder().setRequestId(nonce()).setQrText(qr)
            .setPolicy("housing-office").setChallenge(scanned.challenge()).setDomain(scanned.domain()).build();
    }

    /** Whether every failed check only says the verifier's trust data does not know the certificate yet. */
    private static boolean onlyStaleTrust(org.civitas.proto.verifier.v1.VerificationResult result) {
        return result.getChecksList().stream()
            .filter(c -> c.getOutcome() == org.civitas.proto.verifier.v1.Outcome.FAILED)
            .allMatch(c -> c.getReasonEn().contains("refresh the trust data"));
    }

    private static String failedChecks(org.civitas.proto.verifier.v1.VerificationResult result) {
        return result.getChecksList().stream()
            .filter(c -> c.getOutcome() == org.civitas.proto.verifier.v1.Outcome.FAILED)
            .map(c -> c.getId() + ": " + c.getReasonEn()).toList().toString();
    }

    private String revoke(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer) {
        Agency housing = agencies.get(PRESENTED_TYPE);
        RevokeCredentialResponse revoked = call(() -> issuer
            .withCallCredentials(housing.party().tokensFor(ISSUER_AUDIENCE, clock))
            .revokeCredential(RevokeCredentialRequest.newBuilder().setRequestId(nonce())
                .setCredentialId(issued.get(PRESENTED_TYPE).getCredentialId())
                .setReason("property sold; certificate replaced").build()));
        revokedListVersion = revoked.getChange().getAnchor().getVersion();
        return housing.role().nameEn() + " revoked it; status list version " + revoked.getChange().getAnchor().getVersion()
            + " anchored on the ledger";
    }

    private String verifyAfterRevocation(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer) throws Exception {
        String revocationList = presentedStatusLists().get(0);
        CounterStore.Refreshed refreshed = refreshUntil(issuer, b -> b.statusList(revocationList)
            .map(l -> l.version() >= revokedListVersion).orElse(false), "status list version " + revokedListVersion);
        say("    counter's trust data: %s (%s)", describe(refreshed.bundle()), refreshed.how());
        VerificationResult result = verifyOffline();
        List<Check> revoked = result.failures().stream().filter(c -> c.id() == CheckId.STATUS
            && c.reason().en().contains("Revoked")).toList();
        endedRevoked = !result.accepted() && !revoked.isEmpty();
        finalVerdict = result.accepted() ? "ACCEPTED" : "NOT ACCEPTED: " + failures(result);
        for (Check check : result.checks()) {
            if (check.outcome() == Outcome.FAILED) say("    FAILED %s: %s / %s", check.id(), check.reason().en(),
                check.reason().zh());
        }
        if (!endedRevoked) throw new IllegalStateException("expected the counter to refuse it as revoked: " + finalVerdict);
        return "NOT ACCEPTED: " + revoked.get(0).reason().en();
    }

    private static String describe(TrustBundle bundle) {
        return "trust bundle version " + bundle.version() + ", ledger size " + bundle.head().head().treeSize();
    }

    // --- plumbing -------------------------------------------------------------------------------------------------

    private Path savedPartiesFile() { return settings.outputDir().resolve("parties.json"); }

    private interface Work {
        String run() throws Exception;
    }

    private void step(String name, Work work) {
        long start = System.nanoTime();
        if (steps.stream().anyMatch(s -> s.outcome() != DemoSummary.Outcome.PASSED)) {
            steps.add(new DemoSummary.Step(name, DemoSummary.Outcome.SKIPPED, "not run: an earlier step failed",
                Duration.ZERO));
            return;
        }
        say("%2d. %s ...", steps.size() + 1, name);
        DemoSummary.Outcome outcome;
        String result;
        try {
            result = work.run();
            outcome = DemoSummary.Outcome.PASSED;
        } catch (StatusRuntimeException e) {
            result = "refused: " + e.getStatus().getCode() + " " + e.getStatus().getDescription();
            outcome = DemoSummary.Outcome.FAILED;
        } catch (Exception e) {
            result = e.getMessage() == null ? e.toString() : e.getMessage();
            outcome = DemoSummary.Outcome.FAILED;
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        steps.add(new DemoSummary.Step(name, outcome, result, time));
        say("    %s %s (%.1f s)", outcome == DemoSummary.Outcome.PASSED ? "ok:" : "FAILED:", result,
            time.toMillis() / 1000.0);
    }

    /** A call with the demo's deadline; UNAVAILABLE is retried a few times (services still warming up). */
    private static <T> T call(Supplier<T> rpc) {
        for (int attempt = 1; ; attempt++) {
            try {
                return rpc.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == 5) throw e;
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static ManagedChannel channel(String target) {
        return ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    }

    /** The channel with the demo's deadline on every call that has none. */
    private static Channel withDeadlines(ManagedChannel channel) {
        return ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return next.newCall(method, options.getDeadline() != null ? options
                    : options.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            }
        });
    }

    private static String failures(VerificationResult result) {
        return String.join("; ", result.failures().stream().map(c -> c.id() + ": " + c.reason().en()).toList());
    }

    private void say(String format, Object... args) {
        out.println(String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }

    private static String nonce() { return UUID.randomUUID().toString(); }
}
