package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.suite.Cryptosuites;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published signed documents verified through {@link DataIntegrity}, and a tampered variant of each failing with
 * the right check and reason. (vc-di-ecdsa's signedECDSAP256.json is left out: it was signed under an earlier
 * credentials context, see EcdsaRdfc2019Test.)
 */
class PublishedVectorVerificationTest {

    private static final Cryptosuites SUITES = Cryptosuites.withContexts(Vectors.contexts());
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final String EDDSA_JCS = "vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json";
    private static final String EDDSA_RDFC = "vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json";
    private static final String ECDSA_JCS = "vectors/w3c-vc-di-ecdsa/ecdsa-jcs-2019-p256/signedJCSECDSAP256.json";
    private static final String SM2_JCS = "vectors/civitas-sm2-jcs-2025/signedJCS.json";
    private static final String CHAIN = "vectors/w3c-vc-di-eddsa/proof-set-chain/signedProofChain2.json";

    /** did:key through the did:key resolver; the vectors' https://vc.example/issuers/… methods to their key files. */
    private static MethodResolver methods(VerificationKey substitute) {
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(Vectors.signingKey(Vectors.json("vectors/w3c-vc-di-eddsa/keyPair.json")).verificationKey());
        ObjectNode multiKeys = Vectors.json("vectors/w3c-vc-di-eddsa/proof-set-chain/multiKeyPairs.json");
        multiKeys.forEach(pair -> keys.add(Vectors.signingKey(pair).verificationKey()));
        MethodResolver didKeys = new DidMethodResolver(DidKey.resolver());
        return (verificationMethod, cryptosuite, asOf) -> {
            if (verificationMethod.startsWith("did:")) {
                MethodResolver.Resolved resolved = didKeys.resolve(verificationMethod, cryptosuite, asOf);
                return substitute == null ? resolved
                    : new MethodResolver.Resolved(resolved.controller(), substitute, resolved.relationships());
            }
            for (VerificationKey key : keys) {
                if (verificationMethod.startsWith("https://vc.example/issuers/")
                        && verificationMethod.endsWith("#" + key.toMultibase())) {
                    return new MethodResolver.Resolved(verificationMethod.substring(0, verificationMethod.indexOf('#')),
                        substitute == null ? key : substitute, Set.of(Relationship.ASSERTION_METHOD));
                }
            }
            throw new MethodResolver.Unresolved(Reasons.notDidUrl(verificationMethod));
        };
    }

    private static ProofVerification verify(ObjectNode document, ProofExpectations expectations, Instant now) {
        return DataIntegrity.verify(document, expectations, methods(null), now, SUITES);
    }

    private static Check first(ProofVerification verification, CheckId id) {
        return verification.checks().stream().filter(c -> c.id() == id).findFirst().orElseThrow(AssertionError::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS, CHAIN})
    void verify_publishedDocument_passes(String path) {
        ProofVerification verification = verify(Vectors.json(path), ProofExpectations.assertion(), NOW);

        assertTrue(verification.verified(), verification::toString);
        assertTrue(first(verification, CheckId.PROOF).reason().en().startsWith("The issuer's signature ("));
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS, CHAIN})
    void verify_claimChanged_failsProofAsChangedAfterSigning(String path) {
        ObjectNode document = Vectors.json(path);
        document.with("credentialSubject").put("alumniOf", "The School of Forgeries");

        Check proof = first(verify(document, ProofExpectations.assertion(), NOW), CheckId.PROOF);

        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().en().startsWith("The signature does not match the document: it was changed after signing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS})
    void verify_proofValueOfAnotherDocument_failsProof(String path) {
        ObjectNode document = Vectors.json(path);
        String other = path.equals(EDDSA_JCS) ? EDDSA_RDFC : EDDSA_JCS;
        ((ObjectNode) document.get("proof")).set("proofValue", Vectors.json(other).get("proof").get("proofValue"));

        assertEquals(Outcome.FAILED, first(verify(document, ProofExpectations.assertion(), NOW), CheckId.PROOF).outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS})
    void verify_keyOfTheSameTypeButAnotherIssuer_failsProof(String path) {
        ObjectNode document = Vectors.json(path);
        String cryptosuite = document.get("proof").get("cryptosuite").textValue();
        KeyType type = SUITES.get(cryptosuite).keyType();
        VerificationKey stranger = SigningKey.generate(type).signingKey().verificationKey();

        ProofVerification verification = DataIntegrity.verify(document, ProofExpectations.assertion(), methods(stranger),
            NOW, SUITES);

        Check proof = first(verification, CheckId.PROOF);
        assertEquals(Outcome.FAILED, proof.outcome());
        assertTrue(proof.reason().zh().startsWith("签名与文档不符"));
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS})
    void verify_authenticationExpected_failsProofPurpose(String path) {
        ProofVerification verification = verify(Vectors.json(path), ProofExpectations.authentication("c-1", null), NOW);

        assertEquals(Outcome.PASSED, first(verification, CheckId.PROOF).outcome());
        assertEquals(Outcome.FAILED, first(verification, CheckId.PROOF_PURPOSE).outcome());
        assertEquals("该签名的用途是签发凭证（assertionMethod），而此处要求身份认证（authentication）",
            first(verification, CheckId.PROOF_PURPOSE).reason().zh());
        assertEquals(Outcome.FAILED, first(verification, CheckId.CHALLENGE).outcome());
        assertFalse(verification.verified());
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS})
    void verify_challengeAndDomainExpected_failsChallenge(String path) {
        ProofVerification verification = verify(Vectors.json(path),
            new ProofExpectations("assertionMethod", "c-1", "counter.example", Duration.ZERO), NOW);

        Check challenge = first(verification, CheckId.CHALLENGE);
        assertEquals(Outcome.FAILED, challenge.outcome());
        assertEquals("This request's challenge is missing from the signature: it may be a replay", challenge.reason().en());
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_JCS, EDDSA_RDFC, ECDSA_JCS, SM2_JCS})
    void verify_beforeTheProofWasMade_failsValidityPeriod(String path) {
        ProofVerification verification = verify(Vectors.json(path), ProofExpectations.assertion(),
            Instant.parse("2023-02-24T00:00:00Z"));

        Check period = first(verification, CheckId.VALIDITY_PERIOD);
        assertEquals(Outcome.FAILED, period.outcome());
        assertEquals("The signature is dated in the future (2023-02-24T23:36:38Z): check this device's clock",
            period.reason().en());
    }

    @ParameterizedTest
    @ValueSource(strings = {EDDSA_RDFC, CHAIN})
    void verify_rdfcWithoutTheExamplesContext_failsProofForTheUnknownContext(String path) {
        ProofVerification verification = DataIntegrity.verify(Vectors.json(path), ProofExpectations.assertion(),
            methods(null), NOW, Cryptosuites.standard());

        Check proof = first(verification, CheckId.PROOF);
        assertEquals(Outcome.FAILED, proof.outcome());
        assertEquals("文档使用了本验证器未收录的词汇表（https://www.w3.org/ns/credentials/examples/v2），无法核验签名",
            proof.reason().zh());
    }
}
