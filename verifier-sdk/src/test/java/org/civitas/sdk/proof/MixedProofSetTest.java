package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.suite.EddsaJcs2022;
import org.civitas.sdk.suite.Sm2Jcs2025;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One credential secured twice at once: eddsa-jcs-2022 by an Ed25519 did:key and sm2-jcs-2025 by an SM2 did:key. */
class MixedProofSetTest {

    private static final Instant CREATED = Instant.parse("2026-05-04T09:30:00Z");
    private static final Instant NOW = Instant.parse("2026-05-05T12:00:00Z");
    private static final SigningKey ED25519 = SigningKey.generate(KeyType.ED25519).signingKey();
    private static final SigningKey SM2 = SigningKey.generate(KeyType.SM2).signingKey();

    private static ObjectNode twiceSigned() {
        ObjectNode credential = Vectors.withoutProof(Vectors.json("vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"));
        ObjectNode once = DataIntegrity.sign(credential, ProofOptions.builder(EddsaJcs2022.NAME,
            DidKey.verificationMethodId(ED25519.verificationKey())).created(CREATED).build(), ED25519);
        return DataIntegrity.sign(once, ProofOptions.builder(Sm2Jcs2025.NAME,
            DidKey.verificationMethodId(SM2.verificationKey())).created(CREATED).build(), SM2);
    }

    private static ProofVerification verify(ObjectNode document) {
        return DataIntegrity.verify(document, ProofExpectations.assertion(), DidKey.resolver(), NOW);
    }

    @Test
    void verify_bothProofs_verifyAsAProofSet() {
        ProofVerification verification = verify(twiceSigned());

        assertTrue(verification.verified(), verification::toString);
        assertEquals(2, verification.proofs().size());
        assertEquals(EddsaJcs2022.NAME, verification.proofs().get(0).cryptosuite());
        assertEquals(Sm2Jcs2025.NAME, verification.proofs().get(1).cryptosuite());
        assertTrue(verification.checks().get(4).reason().en().startsWith("The issuer's signature (sm2-jcs-2025, key did:key:"));
    }

    @Test
    void verify_sm2ProofBroken_failsOnlyThatProof() {
        ObjectNode document = twiceSigned();
        ObjectNode sm2Proof = (ObjectNode) document.get("proof").get(1);
        sm2Proof.put("created", "2026-05-04T09:30:01Z");

        ProofVerification verification = verify(document);

        assertFalse(verification.verified());
        assertTrue(verification.proofs().get(0).verified());
        Check broken = verification.proofs().get(1).checks().get(0);
        assertEquals(CheckId.PROOF, broken.id());
        assertEquals(Outcome.FAILED, broken.outcome());
        assertTrue(broken.reason().en().contains("sm2-jcs-2025"));
    }

    @Test
    void verify_ed25519ProofValueReplaced_failsOnlyThatProof() {
        ObjectNode document = twiceSigned();
        ObjectNode other = twiceSigned();
        ((ObjectNode) document.get("proof").get(0)).set("proofValue",
            Vectors.json("vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json").get("proof").get("proofValue"));

        ProofVerification verification = verify(document);

        assertFalse(verification.proofs().get(0).verified());
        assertTrue(verification.proofs().get(1).verified());
        assertTrue(verify(other).verified());
    }

    @Test
    void verify_claimChanged_failsBothProofs() {
        ObjectNode document = twiceSigned();
        document.put("name", "Forged Credential");

        ProofVerification verification = verify(document);

        assertFalse(verification.proofs().get(0).verified());
        assertFalse(verification.proofs().get(1).verified());
    }

    @Test
    void verify_eitherProofAlone_stillVerifies() {
        for (int keep = 0; keep < 2; keep++) {
            ObjectNode document = twiceSigned();
            JsonNode kept = document.get("proof").get(keep);
            document.set("proof", kept);

            assertTrue(verify(document).verified(), "proof " + keep + " alone");
        }
    }

    @Test
    void verify_proofsInTheOtherOrder_stillVerify() {
        ObjectNode document = twiceSigned();
        ArrayNode proofs = (ArrayNode) document.get("proof");
        JsonNode first = proofs.remove(0);
        proofs.add(first);

        assertTrue(verify(document).verified());
    }
}
