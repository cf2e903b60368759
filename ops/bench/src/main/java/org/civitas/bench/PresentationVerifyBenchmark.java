package org.civitas.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Reason;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.holder.HolderPresentation;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.policy.CounterPolicies;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofExpectations;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.proof.ProofVerification;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.status.StatusBits;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.sdk.status.StatusPurpose;
import org.civitas.sdk.trust.Accreditation;
import org.civitas.sdk.trust.TrustView;
import org.civitas.sdk.trust.VerifiedStatusList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offline verification at a counter, as {@link Verifier#verify(String, VerifierPolicy, Clock)} does it: a one-way
 * presentation of one vaccination certificate (issuer proofs eddsa-jcs-2022 + sm2-jcs-2025, holder proof
 * ecdsa-jcs-2019 with a P-256 device key; both DIDs did:civitas) against the hospital policy, read from its CIV1 QR
 * text ({@link #verifyQr}) or from JSON text ({@link #verifyJson}). Every check runs: three signatures, proof
 * purposes, replay window, holder binding, validity, two status lookups, accreditation, schema and policy.
 * {@link #rawSignatures} is the floor: the same three signature checks on 64-byte messages, nothing else;
 * {@link #issuerProofs} and {@link #holderProof} are the Data Integrity verifications inside, for a breakdown. Run
 * all three in one command, with {@code -t 1} and {@code -t 2}, and read the ratio of {@code rawSignatures} to each
 * verify figure. On a busy machine the group {@code paired} is the fairer ratio: it runs a QR verification and the
 * raw checks side by side, one thread each, at the same time, so both see the same load (as
 * {@link SuiteOverheadBenchmark} does for single suites).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PresentationVerifyBenchmark {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final String REGION = "310115";
    static final String LISTS = "https://status.health.gov.civitas.example/lists/";

    /** The trust data, the verifier, the presentation as QR and JSON text, and raw signatures by the same keys. */
    @State(Scope.Benchmark)
    public static class Counter {
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final VerifierPolicy policy = CounterPolicies.hospital();
        final byte[] message = Fixtures.dataIntegrityMessage();
        Verifier verifier;
        String qr;
        String json;
        String qrDeviceKey;
        ObjectNode presentationJson;
        ObjectNode credentialJson;
        DidResolver resolver;
        SigningKey[] keys;
        byte[][] signatures;
        private SigningKey ed;
        private SigningKey sm2;
        private String issuer;

        /** The vaccination certificate of {@code holder}, with both issuer proofs. */
        ObjectNode credential(String holder) throws FormatException {
            ObjectNode vc = IJson.parseObject("credential", "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                + "\"id\":\"urn:uuid:6b1e2f0a-3c9d-4e7f-8a21-5d4c3b2a1908\","
                + "\"type\":[\"VerifiableCredential\",\"VaccinationCertificate\"],\"issuer\":\"" + issuer + "\","
                + "\"jurisdiction\":\"" + REGION + "\",\"validFrom\":\"2025-12-01T00:00:00Z\","
                + "\"validUntil\":\"2030-12-01T00:00:00Z\",\"credentialSubject\":{\"id\":\"" + holder + "\","
                + "\"targetDisease\":\"COVID-19\",\"vaccine\":\"COVID-19 mRNA\",\"manufacturer\":\"沃森生物 Walvax\","
                + "\"batchNumber\":\"FN7462\",\"doseNumber\":3,\"totalDoses\":3,\"vaccinationDate\":\"2025-10-14\","
                + "\"administeringCentre\":\"浦东新区疾病预防控制中心\",\"country\":\"CN\"},"
                + "\"credentialSchema\":{\"id\":\"urn:civitas:schema:VaccinationCertificate:1.0\",\"type\":\"JsonSchema\"},"
                + "\"credentialStatus\":["
                + "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"94567\","
                + "\"statusListCredential\":\"" + LISTS + "revocation/17\"},"
                + "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\",\"statusListIndex\":\"94567\","
                + "\"statusListCredential\":\"" + LISTS + "suspension/17\"}]}");
            Instant issued = Instant.parse("2025-12-01T00:00:37Z");
            vc = DataIntegrity.sign(vc, ProofOptions.builder("eddsa-jcs-2022", issuer + "#key-1").created(issued).build(), ed);
            return DataIntegrity.sign(vc, ProofOptions.builder("sm2-jcs-2025", issuer + "#key-2").created(issued).build(), sm2);
        }

        /** A one-way presentation of {@code device}'s own certificate, signed as a wallet signs for a counter. */
        String deviceKeyQr(SigningKey device) throws FormatException {
            ObjectNode vc = credential(CivitasDid.of(device.verificationKey()).toString());
            return QrCodec.encode(HolderPresentation.oneWay(List.of(vc), null,
                DidKey.verificationMethodId(device.verificationKey()), device, NOW.minusSeconds(40)));
        }

        @Setup(Level.Trial)
        public void prepare() throws FormatException {
            SigningKey ed = SigningKey.generate(KeyType.ED25519).signingKey();
            SigningKey sm2 = SigningKey.generate(KeyType.SM2).signingKey();
            SigningKey device = SigningKey.generate(KeyType.P256).signingKey();
            String issuer = CivitasDid.of(ed.verificationKey()).toString();
            String holder = CivitasDid.of(device.verificationKey()).toString();
            String lists = LISTS;

            this.ed = ed;
            this.sm2 = sm2;
            this.issuer = issuer;
            ObjectNode vc = credential(holder);
            ObjectNode presentation = HolderPresentation.oneWay(List.of(vc), holder, holder + "#key-0", device,
                NOW.minusSeconds(40));

            Map<String, VerifiedStatusList> statusLists = new HashMap<>();
            for (StatusPurpose purpose : List.of(StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION)) {
                String url = lists + purpose.name().toLowerCase() + "/17";
                ObjectNode list = DataIntegrity.sign(StatusListCredential.builder().id(url).issuer(issuer)
                    .validFrom(NOW.minusSeconds(600)).statusPurpose(purpose).bits(StatusBits.builder(131_072, 1))
                    .buildUnsigned(), ProofOptions.builder("eddsa-jcs-2022", issuer + "#key-1").build(), ed);
                statusLists.put(url, new VerifiedStatusList(StatusListCredential.parse(list), 1, NOW.minusSeconds(600)));
            }
            DidDocument issuerDocument = DidDocument.parse("{\"id\":\"" + issuer + "\",\"verificationMethod\":["
                + method(issuer + "#key-1", issuer, ed) + "," + method(issuer + "#key-2", issuer, sm2) + "],"
                + "\"assertionMethod\":[\"" + issuer + "#key-1\",\"" + issuer + "#key-2\"]}");
            Map<Did, DidDocument> documents = Map.of(issuerDocument.id(), issuerDocument,
                Did.parse(holder), CivitasDid.initialDocument(device.verificationKey()));
            ObjectNode schema = IJson.parseObject("schema", SCHEMA);
            verifier = Verifier.builder().trust(new Trust(documents, statusLists, schema)).build();
            json = presentation.toString();
            presentationJson = presentation;
            credentialJson = vc;
            resolver = verifier.trust().get().resolver();
            qr = QrCodec.encode(presentation);
            qrDeviceKey = deviceKeyQr(device);

            keys = new SigningKey[] {ed, sm2, device};
            signatures = new byte[][] {ed.sign(message), sm2.sign(message), device.sign(message)};
            if (!verifier.verify(qr, policy, clock).accepted() || !verifier.verify(json, policy, clock).accepted()
                    || !verifier.verify(qrDeviceKey, policy, clock).accepted()) {
                throw new IllegalStateException("nothing valid to measure: "
                    + verifier.verify(json, policy, clock).failures());
            }
        }

        private static String method(String id, String controller, SigningKey key) {
            return "{\"id\":\"" + id + "\",\"type\":\"Multikey\",\"controller\":\"" + controller
                + "\",\"publicKeyMultibase\":\"" + key.verificationKey().toMultibase() + "\"}";
        }
    }

    /**
     * Presentations of {@link #DEVICES} citizens, each with its own device key and certificate, signed as a wallet
     * signs for a counter, verified in turn: more keys than the SDK keeps decoded did:key documents for, so every
     * verification decodes its holder's key and meets it for the first time, as a counter meets citizens.
     */
    @State(Scope.Benchmark)
    public static class FreshDevices {
        static final int DEVICES = 5_000;
        String[] qr;
        final AtomicInteger next = new AtomicInteger();

        @Setup(Level.Trial)
        public void prepare(Counter counter) throws FormatException {
            qr = new String[DEVICES];
            for (int i = 0; i < DEVICES; i++) qr[i] = counter.deviceKeyQr(SigningKey.generate(KeyType.P256).signingKey());
            if (!counter.verifier.verify(qr[DEVICES - 1], counter.policy, counter.clock).accepted()) {
                throw new IllegalStateException("nothing valid to measure");
            }
        }

        String nextQr() { return qr[Math.floorMod(next.getAndIncrement(), DEVICES)]; }
    }

    /** The catalogue's VaccinationCertificate 1.0 claims schema. */
    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
        + "\"properties\":{\"targetDisease\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":100},"
        + "\"vaccine\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":100},"
        + "\"manufacturer\":{\"type\":\"string\",\"maxLength\":100},"
        + "\"batchNumber\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9-]{1,30}$\"},"
        + "\"doseNumber\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
        + "\"totalDoses\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
        + "\"vaccinationDate\":{\"type\":\"string\",\"format\":\"date\"},"
        + "\"administeringCentre\":{\"type\":\"string\",\"maxLength\":200},"
        + "\"country\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}$\"}},"
        + "\"required\":[\"targetDisease\",\"vaccine\",\"doseNumber\",\"vaccinationDate\"],\"additionalProperties\":false}";

    /**
     * Trust data as a loaded bundle answers it, from maps built once: DID documents, parsed status lists, one
     * schema, an accreditation of every issuer (the bundle's own lookup cost is measured with the bundle).
     */
    record Trust(Map<Did, DidDocument> documents, Map<String, VerifiedStatusList> statusLists, ObjectNode schema)
            implements TrustView {
        @Override public DidResolver resolver() {
            DidResolver didKey = DidKey.resolver();
            return (did, asOf) -> {
                if (DidKey.METHOD.equals(did.method())) return didKey.resolve(did, asOf);
                DidDocument document = documents.get(did);
                if (document == null) throw new ResolutionException(ResolutionException.Kind.NOT_FOUND, did + " unknown");
                return document;
            };
        }
        @Override public Optional<VerifiedStatusList> statusList(String url) { return Optional.ofNullable(statusLists.get(url)); }
        @Override public Accreditation accreditation(Did issuer, String type, String region, Instant at) {
            return Accreditation.granted(Reason.of("accredited", "已获资质"));
        }
        @Override public Optional<ObjectNode> schema(String type, String version) { return Optional.of(schema); }
        @Override public Duration maxStatusAge(String type) { return Duration.ofDays(1); }
        @Override public Instant asOf() { return NOW; }
    }

    @Benchmark
    public VerificationResult verifyQr(Counter counter) {
        return counter.verifier.verify(counter.qr, counter.policy, counter.clock);
    }

    /**
     * As a wallet signs for a counter: the holder's proof names the device key's did:key and the presentation leaves
     * {@code holder} out. The same presentation every time, so its did:key document stays in the SDK's cache and
     * its key object, like the issuers', earns a precomputed table.
     */
    @Benchmark
    public VerificationResult verifyQrDeviceKey(Counter counter) {
        return counter.verifier.verify(counter.qrDeviceKey, counter.policy, counter.clock);
    }

    /**
     * As {@link #verifyQrDeviceKey}, but each verification is of another citizen (see {@link FreshDevices}): the
     * holder's key is decoded and checked without anything precomputed for it, as at a real counter.
     */
    @Benchmark
    public VerificationResult verifyQrFreshDevice(Counter counter, FreshDevices devices) {
        return counter.verifier.verify(devices.nextQr(), counter.policy, counter.clock);
    }

    @Benchmark
    public VerificationResult verifyJson(Counter counter) {
        return counter.verifier.verify(counter.json, counter.policy, counter.clock);
    }

    /** The three signature checks alone: issuer Ed25519 and SM2, holder P-256, each over 64 bytes. */
    @Benchmark
    public boolean rawSignatures(Counter counter) {
        return counter.keys[0].verificationKey().verify(counter.message, counter.signatures[0])
            & counter.keys[1].verificationKey().verify(counter.message, counter.signatures[1])
            & counter.keys[2].verificationKey().verify(counter.message, counter.signatures[2]);
    }

    /** The credential's two issuer proofs through Data Integrity (JCS, hashes, DID resolution, the checks). */
    @Benchmark
    public ProofVerification issuerProofs(Counter counter) {
        return DataIntegrity.verify(counter.credentialJson, ProofExpectations.assertion(), counter.resolver, NOW);
    }

    /** The holder's proof on the whole presentation through Data Integrity. */
    @Benchmark
    public ProofVerification holderProof(Counter counter) {
        return DataIntegrity.verify(counter.presentationJson, AUTHENTICATION, counter.resolver, NOW);
    }

    static final ProofExpectations AUTHENTICATION =
        new ProofExpectations("authentication", null, null, ProofExpectations.DEFAULT_CLOCK_SKEW);

    @Benchmark
    @Group("paired")
    @GroupThreads(1)
    public VerificationResult pairedVerifyQr(Counter counter) {
        return verifyQr(counter);
    }

    @Benchmark
    @Group("paired")
    @GroupThreads(1)
    public boolean pairedRawSignatures(Counter counter) {
        return rawSignatures(counter);
    }
}
