package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.suite.Cryptosuites;
import org.civitas.sdk.suite.EcdsaJcs2019;
import org.civitas.sdk.suite.EcdsaRdfc2019;
import org.civitas.sdk.suite.EddsaJcs2022;
import org.civitas.sdk.suite.EddsaRdfc2022;
import org.civitas.sdk.suite.Sm2Jcs2025;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataIntegrityTest {

    private static final String EDDSA = "vectors/w3c-vc-di-eddsa/";
    private static final Cryptosuites SUITES = Cryptosuites.withContexts(Vectors.contexts());
    private static final Instant CREATED = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant NOW = CREATED.plus(Duration.ofDays(30));
    private static final SigningKey ISSUER = SigningKey.generate(KeyType.ED25519).signingKey();
    private static final String ISSUER_METHOD = DidKey.verificationMethodId(ISSUER.verificationKey());
    private static final SigningKey SM2_ISSUER = SigningKey.generate(KeyType.SM2).signingKey();

    /** The W3C alumni credential, unsigned. */
    private static ObjectNode credential() {
        return Vectors.withoutProof(Vectors.json(EDDSA + "eddsa-jcs-2022/signedJCS.json"));
    }

    private static ProofOptions.Builder options(String cryptosuite) {
        return ProofOptions.builder(cryptosuite, ISSUER_METHOD).created(CREATED);
    }

    private static ObjectNode signed() {
        return DataIntegrity.sign(credential(), options(EddsaJcs2022.NAME).build(), ISSUER);
    }

    private static ProofVerification verify(ObjectNode document) {
        return DataIntegrity.verify(document, ProofExpectations.assertion(), DidKey.resolver(), NOW, SUITES);
    }

    private static Check check(ProofVerification verification, CheckId id) {
        return verification.checks().stream().filter(c -> c.id() == id).findFirst().orElseThrow(AssertionError::new);
    }

    // --- signing ----------------------------------------------------------------------------------------------

    @Test
    void sign_eddsaJcsVectorOptions_isThePublishedDocument() {
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaJcs2022.NAME,
                "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
            .created(Instant.parse("2023-02-24T23:36:38Z")).build(), Vectors.signingKey(Vectors.json(EDDSA + "keyPair.json")));

        assertEquals(Vectors.json(EDDSA + "eddsa-jcs-2022/signedJCS.json"), signed);
    }

    @Test
    void sign_eddsaRdfcVectorOptions_isThePublishedDocument() {
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaRdfc2022.NAME,
                "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
            .created(Instant.parse("2023-02-24T23:36:38Z")).build(), Vectors.signingKey(Vectors.json(EDDSA + "keyPair.json")),
            SUITES);

        assertEquals(Vectors.json(EDDSA + "eddsa-rdfc-2022/signedDataInt.json"), signed);
    }

    @Test
    void sign_input_isNotModified() {
        ObjectNode input = credential();
        ObjectNode before = input.deepCopy();

        DataIntegrity.sign(input, options(EddsaJcs2022.NAME).build(), ISSUER);
        DataIntegrity.sign(signed(), options(EddsaJcs2022.NAME).build(), ISSUER);

        assertEquals(before, input);
    }

    @Test
    void sign_documentWithAProof_makesAProofSet() {
        ObjectNode twice = DataIntegrity.sign(signed(), options(EddsaJcs2022.NAME).build(), ISSUER);

        assertTrue(twice.get("proof").isArray());
        assertEquals(2, twice.get("proof").size());
        assertEquals(signed().get("proof"), twice.get("proof").get(0));
        assertTrue(verify(twice).verified());
    }

    @Test
    void sign_previousProofNotOnDocument_isRejected() {
        ProofOptions chained = options(EddsaJcs2022.NAME).previousProof("urn:uuid:not-there").build();

        assertThrows(IllegalArgumentException.class, () -> DataIntegrity.sign(signed(), chained, ISSUER));
    }

    @Test
    void sign_keyNotOfTheSuitesType_isRejected() {
        SigningKey sm2 = SigningKey.generate(KeyType.SM2).signingKey();

        assertThrows(IllegalArgumentException.class,
            () -> DataIntegrity.sign(credential(), options(EddsaJcs2022.NAME).build(), sm2));
    }

    @Test
    void sign_unknownCryptosuite_isRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> DataIntegrity.sign(credential(), options("bbs-2023").build(), ISSUER));
    }

    @Test
    void sign_jcsChainWithProofId_verifiesAsAChain() {
        ObjectNode first = DataIntegrity.sign(credential(), options(EddsaJcs2022.NAME).id("urn:uuid:first").build(), ISSUER);
        ObjectNode chained = DataIntegrity.sign(first, ProofOptions.builder(Sm2Jcs2025.NAME,
                DidKey.verificationMethodId(SM2_ISSUER.verificationKey())).created(CREATED).previousProof("urn:uuid:first")
            .build(), SM2_ISSUER);

        assertEquals("urn:uuid:first", chained.get("proof").get(1).get("previousProof").textValue());
        assertTrue(DataIntegrity.verify(chained, ProofExpectations.assertion(), DidKey.resolver(), NOW).verified());
    }

    // --- every suite end to end through did:key ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {EddsaJcs2022.NAME, EddsaRdfc2022.NAME, EcdsaJcs2019.NAME, EcdsaRdfc2019.NAME, Sm2Jcs2025.NAME})
    void signThenVerify_eachSuite_passesEveryCheck(String cryptosuite) {
        SigningKey key = SigningKey.generate(SUITES.get(cryptosuite).keyType()).signingKey();
        ProofOptions options = ProofOptions.builder(cryptosuite, DidKey.verificationMethodId(key.verificationKey()))
            .created(CREATED).build();

        ObjectNode signed = DataIntegrity.sign(credential(), options, key, SUITES);
        ProofVerification verification = verify(signed);

        assertTrue(verification.verified(), verification::toString);
        assertEquals(List.of(CheckId.PROOF, CheckId.PROOF_PURPOSE, CheckId.CHALLENGE, CheckId.VALIDITY_PERIOD),
            verification.checks().stream().map(Check::id).collect(java.util.stream.Collectors.toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {EddsaJcs2022.NAME, EddsaRdfc2022.NAME, EcdsaJcs2019.NAME, EcdsaRdfc2019.NAME, Sm2Jcs2025.NAME})
    void verify_eachSuiteClaimChanged_failsProofAsTampered(String cryptosuite) {
        SigningKey key = SigningKey.generate(SUITES.get(cryptosuite).keyType()).signingKey();
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(cryptosuite,
            DidKey.verificationMethodId(key.verificationKey())).created(CREATED).build(), key, SUITES);
        signed.with("credentialSubject").put("alumniOf", "The School of Forgeries");

        Check proof = check(verify(signed), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().startsWith("The signature does not match the document: it was changed after signing"));
        assertTrue(proof.reason().zh().startsWith("签名与文档不符：文档在签名后被修改"));
    }

    // --- the checks and their words ---------------------------------------------------------------------------

    @Test
    void verify_validProof_explainsEachCheckInEnglishAndChinese() {
        ProofVerification verification = verify(signed());

        Check proof = check(verification, CheckId.PROOF);
        String shortKey = "did:key:" + ISSUER.verificationKey().toMultibase().substring(0, 16) + "…";
        assertEquals("The issuer's signature (eddsa-jcs-2022, key " + shortKey + ") is valid", proof.reason().en());
        assertEquals("签发机构的签名有效（eddsa-jcs-2022，密钥 " + shortKey + "）", proof.reason().zh());
        assertEquals(Outcome.PASSED, check(verification, CheckId.PROOF_PURPOSE).outcome());
        assertTrue(check(verification, CheckId.PROOF_PURPOSE).reason().zh().contains("签发凭证"));
        assertEquals(Outcome.SKIPPED, check(verification, CheckId.CHALLENGE).outcome());
        assertEquals("The signature was made on 2026-03-02T08:00:00Z and has no expiry",
            check(verification, CheckId.VALIDITY_PERIOD).reason().en());
    }

    @Test
    void verify_proofValueChanged_failsProof() {
        ObjectNode document = signed();
        ObjectNode other = DataIntegrity.sign(credential(), options(EddsaJcs2022.NAME).created(NOW).build(), ISSUER);
        ((ObjectNode) document.get("proof")).set("proofValue", other.get("proof").get("proofValue"));

        assertEquals(Outcome.FAILED, check(verify(document), CheckId.PROOF).outcome());
    }

    @Test
    void verify_proofValueNotBase58Btc_failsProofAsMalformed() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("proofValue", "uAAAA");

        Check proof = check(verify(document), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().contains("not base58btc"));
    }

    @Test
    void verify_methodOfAnotherKey_failsProof() {
        ObjectNode document = signed();
        SigningKey other = SigningKey.generate(KeyType.ED25519).signingKey();
        ((ObjectNode) document.get("proof")).put("verificationMethod", DidKey.verificationMethodId(other.verificationKey()));

        assertEquals(Outcome.FAILED, check(verify(document), CheckId.PROOF).outcome());
    }

    @Test
    void verify_methodIsAP256Key_failsProofForTheKeyType() {
        ObjectNode document = signed();
        SigningKey p256 = SigningKey.generate(KeyType.P256).signingKey();
        ((ObjectNode) document.get("proof")).put("verificationMethod", DidKey.verificationMethodId(p256.verificationKey()));

        Check proof = check(verify(document), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().contains("is a P-256 key, but eddsa-jcs-2022 needs a Ed25519 key"),
            proof.reason().en());
    }

    @Test
    void verify_p384DidKey_failsProofSayingP384IsNotSupported() {
        String p384 = Vectors.json("vectors/w3c-vc-di-ecdsa/p384KeyPair.json").get("publicKeyMultibase").textValue();
        ObjectNode document = signed();
        ObjectNode proof = (ObjectNode) document.get("proof");
        proof.put("cryptosuite", EcdsaJcs2019.NAME);
        proof.put("verificationMethod", "did:key:" + p384 + "#" + p384);

        Check check = check(verify(document), CheckId.PROOF);

        assertEquals(Outcome.FAILED, check.outcome());
        assertEquals("P-384 keys are not supported: ecdsa-jcs-2019 is accepted with P-256 keys only", check.reason().en());
        assertEquals("不支持 P-384 密钥：ecdsa-jcs-2019 仅接受 P-256 密钥", check.reason().zh());
    }

    @Test
    void verify_expectedAuthentication_failsProofPurpose() {
        ProofVerification verification = DataIntegrity.verify(signed(),
            new ProofExpectations("authentication", null, null, Duration.ZERO), DidKey.resolver(), NOW, SUITES);

        Check purpose = check(verification, CheckId.PROOF_PURPOSE);
        assertEquals(Outcome.FAILED, purpose.outcome());
        assertEquals("The signature was made for issuing credentials (assertionMethod), but authentication is required here",
            purpose.reason().en());
        assertEquals(Outcome.PASSED, check(verification, CheckId.PROOF).outcome());
        assertFalse(verification.verified());
    }

    @Test
    void verify_keyListedOnlyForAuthentication_failsProofPurpose() throws FormatException {
        Did did = new Did("example", "agency-7");
        String methodId = did + "#key-1";
        ObjectNode json = IJson.parseObject("DID document", "{\"id\":\"" + did + "\",\"verificationMethod\":[{\"id\":\""
            + methodId + "\",\"type\":\"Multikey\",\"controller\":\"" + did + "\",\"publicKeyMultibase\":\""
            + ISSUER.verificationKey().toMultibase() + "\"}],\"authentication\":[\"" + methodId + "\"]}");
        DidDocument document = DidDocument.of(json);
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaJcs2022.NAME, methodId)
            .created(CREATED).build(), ISSUER);

        ProofVerification verification = DataIntegrity.verify(signed, ProofExpectations.assertion(),
            (d, asOf) -> document, NOW);

        assertEquals(Outcome.PASSED, check(verification, CheckId.PROOF).outcome());
        Check purpose = check(verification, CheckId.PROOF_PURPOSE);
        assertEquals(Outcome.FAILED, purpose.outcome());
        assertEquals("did:example:agency-7 has not authorised the key did:example:agency-7#key-1 for issuing credentials"
            + " (assertionMethod)", purpose.reason().en());
    }

    @Test
    void verify_methodControlledBySomeoneElse_failsProof() throws FormatException {
        Did did = new Did("example", "agency-7");
        String methodId = did + "#key-1";
        DidDocument document = DidDocument.of(IJson.parseObject("DID document", "{\"id\":\"" + did
            + "\",\"verificationMethod\":[{\"id\":\"" + methodId + "\",\"type\":\"Multikey\",\"controller\":"
            + "\"did:example:mallory\",\"publicKeyMultibase\":\"" + ISSUER.verificationKey().toMultibase()
            + "\"}],\"assertionMethod\":[\"" + methodId + "\"]}"));
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaJcs2022.NAME, methodId)
            .created(CREATED).build(), ISSUER);

        Check proof = check(DataIntegrity.verify(signed, ProofExpectations.assertion(), (d, asOf) -> document, NOW),
            CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().contains("is not controlled by did:example:agency-7"));
    }

    @Test
    void verify_resolverAnswersForAnotherDid_failsProof() throws FormatException {
        DidDocument mallory = DidKey.document(DidKey.of(SigningKey.generate(KeyType.ED25519).signingKey().verificationKey()));

        Check proof = check(DataIntegrity.verify(signed(), ProofExpectations.assertion(), (d, asOf) -> mallory, NOW),
            CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().contains("belongs to another DID"));
    }

    @Test
    void verify_resolvesTheDidAsOfTheProofsCreation() {
        List<Instant> asked = new ArrayList<>();
        DidResolver recording = (did, asOf) -> {
            asked.add(asOf);
            return DidKey.resolver().resolve(did, asOf);
        };

        DataIntegrity.verify(signed(), ProofExpectations.assertion(), recording, NOW);

        assertEquals(List.of(CREATED), asked);
    }

    @Test
    void verify_didCannotBeResolved_failsProofWithTheResolversReason() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("verificationMethod", "did:web:agency.example#key-1");

        ProofVerification verification = verify(document);

        Check proof = check(verification, CheckId.PROOF);
        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().startsWith("The signing key did:web:agency.example#key-1 could not be found"));
        assertTrue(proof.reason().zh().contains("不支持该 DID 方法"));
        assertEquals(Outcome.SKIPPED, check(verification, CheckId.PROOF_PURPOSE).outcome());
    }

    @Test
    void verify_methodIsNotADidUrl_failsProof() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("verificationMethod", "https://vc.example/issuers/5678#key-1");

        Check proof = check(verify(document), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().contains("is not a DID URL"));
    }

    @Test
    void verify_unknownCryptosuite_failsProof() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("cryptosuite", "bbs-2023");

        Check proof = check(verify(document), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertEquals("The signature uses an algorithm suite this verifier does not support (bbs-2023)", proof.reason().en());
    }

    @Test
    void verify_otherProofType_failsProof() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("type", "Ed25519Signature2020");

        assertTrue(check(verify(document), CheckId.PROOF).reason().en().contains("Ed25519Signature2020"));
    }

    @Test
    void verify_proofWithoutPurpose_isOneFailedProofCheck() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).remove("proofPurpose");

        ProofVerification verification = verify(document);

        assertEquals(1, verification.checks().size());
        assertEquals(Outcome.FAILED, verification.checks().get(0).outcome());
        assertEquals("The signature data is malformed: proof: missing proofPurpose", verification.checks().get(0).reason().en());
    }

    @Test
    void verify_documentWithoutProof_failsProof() {
        ProofVerification verification = verify(credential());

        assertFalse(verification.verified());
        assertEquals("The document carries no signature", verification.checks().get(0).reason().en());
        assertEquals("文档没有签名", verification.checks().get(0).reason().zh());
    }

    @Test
    void verify_rdfcWithAContextNotHeld_failsProofNamingIt() {
        SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();
        ObjectNode signed = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaRdfc2022.NAME,
            DidKey.verificationMethodId(key.verificationKey())).created(CREATED).build(), key, SUITES);

        Check proof = check(DataIntegrity.verify(signed, ProofExpectations.assertion(), DidKey.resolver(), NOW),
            CheckId.PROOF);   // the standard suites lack the W3C examples context

        assertEquals(Outcome.FAILED, proof.outcome());
        assertEquals("The document uses a vocabulary this verifier does not hold (https://www.w3.org/ns/credentials/examples/v2),"
            + " so its signature cannot be checked", proof.reason().en());
    }

    @Test
    void sign_rdfcWithAContextNotHeld_isRejected() {
        SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();

        assertThrows(IllegalArgumentException.class, () -> DataIntegrity.sign(credential(),
            ProofOptions.builder(EddsaRdfc2022.NAME, DidKey.verificationMethodId(key.verificationKey())).build(), key));
    }

    // --- challenge and domain ---------------------------------------------------------------------------------

    private static ObjectNode presentation(String challenge, String domain) {
        ProofOptions.Builder builder = options(EddsaJcs2022.NAME).proofPurpose("authentication");
        if (challenge != null) builder.challenge(challenge);
        if (domain != null) builder.domain(domain);
        return DataIntegrity.sign(credential(), builder.build(), ISSUER);
    }

    private static Check challenge(ObjectNode document, String challenge, String domain) {
        return check(DataIntegrity.verify(document, ProofExpectations.authentication(challenge, domain),
            DidKey.resolver(), NOW), CheckId.CHALLENGE);
    }

    @Test
    void verify_expectedChallengeAndDomain_passesChallenge() {
        Check check = challenge(presentation("n-0S6_WzA2Mj", "counter-17.hospital.example"), "n-0S6_WzA2Mj",
            "counter-17.hospital.example");

        assertEquals(Outcome.PASSED, check.outcome());
        assertEquals("挑战值和域与本次请求一致", check.reason().zh());
    }

    @Test
    void verify_otherChallenge_failsChallengeAsReplay() {
        Check check = challenge(presentation("n-0S6_WzA2Mj", null), "a-fresh-one", null);

        assertEquals(Outcome.FAILED, check.outcome());
        assertTrue(check.reason().en().contains("may replay an earlier presentation"));
    }

    @Test
    void verify_noChallengeInProof_failsChallenge() {
        Check check = challenge(presentation(null, null), "a-fresh-one", null);

        assertEquals(Outcome.FAILED, check.outcome());
        assertTrue(check.reason().en().startsWith("This request's challenge is missing"));
    }

    @Test
    void verify_otherDomain_failsChallenge() {
        Check check = challenge(presentation("n-0S6_WzA2Mj", "bank.example"), "n-0S6_WzA2Mj", "hospital.example");

        assertEquals(Outcome.FAILED, check.outcome());
        assertEquals("The signature was made for another domain (bank.example)", check.reason().en());
    }

    @Test
    void verify_domainListContainingMore_failsChallenge() {
        ObjectNode document = DataIntegrity.sign(credential(), options(EddsaJcs2022.NAME).proofPurpose("authentication")
            .challenge("c").domains(List.of("hospital.example", "bank.example")).build(), ISSUER);

        assertEquals(Outcome.FAILED, challenge(document, "c", "hospital.example").outcome());
    }

    @Test
    void verify_challengeNobodyAskedFor_isSkippedNotFailed() {
        ProofVerification verification = DataIntegrity.verify(presentation("unasked", null),
            new ProofExpectations("authentication", null, null, Duration.ZERO), DidKey.resolver(), NOW);

        assertEquals(Outcome.SKIPPED, check(verification, CheckId.CHALLENGE).outcome());
        assertTrue(verification.verified());
    }

    // --- time -------------------------------------------------------------------------------------------------

    @Test
    void verify_expiredProof_failsValidityPeriod() {
        ObjectNode document = DataIntegrity.sign(credential(),
            options(EddsaJcs2022.NAME).expires(CREATED.plus(Duration.ofDays(7))).build(), ISSUER);

        ProofVerification verification = verify(document);

        Check period = check(verification, CheckId.VALIDITY_PERIOD);
        assertEquals(Outcome.FAILED, period.outcome());
        assertEquals("The signature expired on 2026-03-09T08:00:00Z", period.reason().en());
        assertEquals("签名已于 2026-03-09T08:00:00Z 过期", period.reason().zh());
        assertEquals(Outcome.PASSED, check(verification, CheckId.PROOF).outcome());
        assertFalse(verification.verified());
    }

    @Test
    void verify_createdBeyondTheSkew_failsValidityPeriod() {
        ObjectNode document = DataIntegrity.sign(credential(),
            options(EddsaJcs2022.NAME).created(NOW.plus(Duration.ofMinutes(6))).build(), ISSUER);

        assertEquals(Outcome.FAILED, check(verify(document), CheckId.VALIDITY_PERIOD).outcome());
    }

    @Test
    void verify_createdWithinTheSkew_passesValidityPeriod() {
        ObjectNode document = DataIntegrity.sign(credential(),
            options(EddsaJcs2022.NAME).created(NOW.plus(Duration.ofMinutes(4))).build(), ISSUER);

        assertEquals(Outcome.PASSED, check(verify(document), CheckId.VALIDITY_PERIOD).outcome());
    }

    @Test
    void verify_noCreatedOrExpires_skipsValidityPeriod() {
        ObjectNode document = DataIntegrity.sign(credential(), ProofOptions.builder(EddsaJcs2022.NAME, ISSUER_METHOD).build(),
            ISSUER);

        ProofVerification verification = verify(document);

        assertEquals(Outcome.SKIPPED, check(verification, CheckId.VALIDITY_PERIOD).outcome());
        assertTrue(verification.verified());
    }

    @Test
    void verify_createdNotADateTime_isMalformed() {
        ObjectNode document = signed();
        ((ObjectNode) document.get("proof")).put("created", "yesterday");

        assertTrue(verify(document).checks().get(0).reason().en().contains("created is not an XML Schema dateTimeStamp"));
    }

    @Test
    void verify_resolverThrowingNotFound_saysTheDidIsNotRegistered() {
        DidResolver none = (did, asOf) -> {
            throw new ResolutionException(ResolutionException.Kind.NOT_FOUND, did + " is not in the trust bundle");
        };

        Check proof = check(DataIntegrity.verify(signed(), ProofExpectations.assertion(), none, NOW), CheckId.PROOF);

        assertTrue(proof.reason().zh().contains("该 DID 未登记"));
        assertTrue(proof.reason().en().endsWith("is not in the trust bundle"));
    }
}
