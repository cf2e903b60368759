package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.internal.XsdDateTime;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.suite.Cryptosuites;
import org.civitas.sdk.suite.EddsaRdfc2022;
import org.civitas.sdk.suite.TransformationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vc-di-eddsa proof set and proof chain vectors (eddsa-rdfc-2022), reproduced through {@link DataIntegrity}. The
 * signed documents use https://vc.example/issuers/5678N#… methods; the proof*ConfigSigned*.json files hold the same
 * proofs made with did:key methods (whose chain proofs sign the did:key set proofs). Both are reproduced byte for
 * byte; the did:key document is verified through the did:key resolver, the vc.example one through a resolver that
 * maps those URLs to the published keys.
 */
class ProofSetChainVectorTest {

    private static final String DIR = "vectors/w3c-vc-di-eddsa/proof-set-chain/";
    private static final Cryptosuites SUITES = Cryptosuites.withContexts(Vectors.contexts());
    private static final ObjectNode KEYS = Vectors.json(DIR + "multiKeyPairs.json");
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void sign_proofSetConfig1_isSignedProofSet1() {
        ObjectNode signed = DataIntegrity.sign(unsigned(), options("proofSetConfig1.json"), key(1), SUITES);

        assertEquals(Vectors.json(DIR + "signedProofSet1.json"), signed);
    }

    @Test
    void sign_setThenChain_isSignedProofChain1ThenSignedProofChain2() {
        ObjectNode set = DataIntegrity.sign(unsigned(), options("proofSetConfig1.json"), key(1), SUITES);
        set = DataIntegrity.sign(set, options("proofSetConfig2.json"), key(2), SUITES);

        ObjectNode chain1 = DataIntegrity.sign(set, options("proofChainConfig1.json"), key(3), SUITES);
        ObjectNode chain2 = DataIntegrity.sign(chain1, options("proofChainConfig2.json"), key(3), SUITES);

        assertEquals(Vectors.json(DIR + "signedProofChain1.json"), chain1);
        assertEquals(Vectors.json(DIR + "signedProofChain2.json"), chain2);
    }

    @Test
    void sign_didKeyMethods_areTheConfigSignedProofs() {
        ObjectNode document = DataIntegrity.sign(unsigned(), didKey(options("proofSetConfig1.json"), key(1)), key(1), SUITES);
        document = DataIntegrity.sign(document, didKey(options("proofSetConfig2.json"), key(2)), key(2), SUITES);
        document = DataIntegrity.sign(document, didKey(options("proofChainConfig1.json"), key(3)), key(3), SUITES);
        document = DataIntegrity.sign(document, didKey(options("proofChainConfig2.json"), key(3)), key(3), SUITES);

        assertEquals(didKeyChain().get("proof"), document.get("proof"));
    }

    @Test
    void verifyProof_chainProofsOverTheTemporaryDocuments_areValid() throws TransformationException {
        EddsaRdfc2022 suite = new EddsaRdfc2022(Vectors.contexts());
        JsonNode proofs = Vectors.json(DIR + "signedProofChain2.json").get("proof");

        assertTrue(suite.verifyProof(Vectors.json(DIR + "proofChainTempDoc1.json"), (ObjectNode) proofs.get(2),
            key(3).verificationKey()));
        assertTrue(suite.verifyProof(Vectors.json(DIR + "proofChainTempDoc2.json"), (ObjectNode) proofs.get(3),
            key(3).verificationKey()));
    }

    @Test
    void verify_didKeyChain_everyProofPasses() {
        ProofVerification verification = DataIntegrity.verify(didKeyChain(), ProofExpectations.assertion(),
            DidKey.resolver(), NOW, SUITES);

        assertTrue(verification.verified(), verification::toString);
        assertEquals(4, verification.proofs().size());
        assertEquals(16, verification.checks().size());
    }

    @Test
    void verify_vcExampleChain_everyProofPasses() {
        ProofVerification verification = DataIntegrity.verify(Vectors.json(DIR + "signedProofChain2.json"),
            ProofExpectations.assertion(), vcExampleMethods(), NOW, SUITES);

        assertTrue(verification.verified(), verification::toString);
        assertEquals(4, verification.proofs().size());
    }

    @Test
    void verify_chainWithItsPreviousProofRemoved_failsThatProofForTheMissingPredecessor() {
        ObjectNode chain = Vectors.json(DIR + "signedProofChain2.json");
        ((ArrayNode) chain.get("proof")).remove(2);           // the proof urn:uuid:d94f… that the last one chains to

        ProofVerification verification = DataIntegrity.verify(chain, ProofExpectations.assertion(), vcExampleMethods(),
            NOW, SUITES);

        assertFalse(verification.verified());
        ProofResult last = verification.proofs().get(2);
        assertEquals(Outcome.FAILED, last.checks().get(0).outcome());
        assertEquals(CheckId.PROOF, last.checks().get(0).id());
        assertTrue(last.checks().get(0).reason().en().contains("urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23"));
        assertTrue(verification.proofs().get(0).verified());
    }

    @Test
    void verify_chainWhosePredecessorWasAltered_failsTheChainProof() {
        ObjectNode chain = Vectors.json(DIR + "signedProofChain1.json");
        ((ObjectNode) chain.get("proof").get(0)).put("created", "2023-02-24T23:36:39Z");

        ProofVerification verification = DataIntegrity.verify(chain, ProofExpectations.assertion(), vcExampleMethods(),
            NOW, SUITES);

        assertEquals(Outcome.FAILED, verification.proofs().get(0).checks().get(0).outcome());
        assertTrue(verification.proofs().get(1).verified());
        assertEquals(Outcome.FAILED, verification.proofs().get(2).checks().get(0).outcome());
    }

    private static SigningKey key(int n) { return Vectors.signingKey(KEYS.get("keyPair" + n)); }

    private static ObjectNode unsigned() {
        return Vectors.withoutProof(Vectors.json(DIR + "signedProofSet1.json"));
    }

    /** The unsigned credential with the four did:key proofs of the proof*ConfigSigned*.json files. */
    private static ObjectNode didKeyChain() {
        ObjectNode document = unsigned();
        ArrayNode proofs = document.putArray("proof");
        for (String file : new String[] {"proofSetConfigSigned1.json", "proofSetConfigSigned2.json",
                "proofChainConfigSigned1.json", "proofChainConfigSigned2.json"}) {
            proofs.add(Vectors.json(DIR + file));
        }
        return document;
    }

    /** Options as the config files give them. */
    private static ProofOptions options(String file) {
        ObjectNode json = Vectors.json(DIR + file);
        ProofOptions.Builder builder = ProofOptions.builder(json.get("cryptosuite").textValue(),
                json.get("verificationMethod").textValue())
            .proofPurpose(json.get("proofPurpose").textValue())
            .created(XsdDateTime.parseOrNull(json.get("created").textValue()));
        if (json.has("id")) builder.id(json.get("id").textValue());
        JsonNode previous = json.get("previousProof");
        if (previous != null) {
            List<String> ids = new ArrayList<>();
            if (previous.isTextual()) ids.add(previous.textValue());
            else previous.forEach(p -> ids.add(p.textValue()));
            builder.previousProof(ids.toArray(new String[0]));
        }
        return builder.build();
    }

    /** The same options with the key's did:key method. */
    private static ProofOptions didKey(ProofOptions options, SigningKey key) {
        ProofOptions.Builder builder = ProofOptions.builder(options.cryptosuite(),
                DidKey.verificationMethodId(key.verificationKey()))
            .proofPurpose(options.proofPurpose()).created(options.created().get());
        options.id().ifPresent(builder::id);
        if (!options.previousProof().isEmpty()) builder.previousProof(options.previousProof().toArray(new String[0]));
        return builder.build();
    }

    /** https://vc.example/issuers/5678N#&lt;multibase&gt; → keyPairN, authorised for assertionMethod. */
    private static MethodResolver vcExampleMethods() {
        return (verificationMethod, cryptosuite, asOf) -> {
            for (int n = 1; n <= 4; n++) {
                SigningKey key = key(n);
                String prefix = "https://vc.example/issuers/5678";
                if (verificationMethod.startsWith(prefix)
                        && verificationMethod.endsWith("#" + key.verificationKey().toMultibase())) {
                    return new MethodResolver.Resolved(verificationMethod.substring(0, verificationMethod.indexOf('#')),
                        key.verificationKey(), Set.of(Relationship.ASSERTION_METHOD));
                }
            }
            throw new MethodResolver.Unresolved(Reasons.notDidUrl(verificationMethod));
        };
    }
}
