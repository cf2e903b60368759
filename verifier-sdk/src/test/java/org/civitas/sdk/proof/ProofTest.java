package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProofTest {

    private static ObjectNode proof() {
        return (ObjectNode) Vectors.json("vectors/w3c-vc-di-eddsa/proof-set-chain/signedProofChain2.json").get("proof")
            .get(2).deepCopy();
    }

    @Test
    void parse_chainProof_readsEveryMember() throws FormatException {
        Proof proof = Proof.parse(proof());

        assertEquals("DataIntegrityProof", proof.type());
        assertEquals("eddsa-rdfc-2022", proof.cryptosuite());
        assertEquals("assertionMethod", proof.proofPurpose());
        assertEquals(Instant.parse("2023-02-26T22:06:38Z"), proof.created().get());
        assertEquals(List.of("urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544", "urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54"),
            proof.previousProof());
        assertEquals("urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23", proof.id().get());
        assertTrue(proof.proofValue().startsWith("z2hcF"));
        assertFalse(proof.expires().isPresent());
        assertTrue(proof.domain().isEmpty());
    }

    @Test
    void parse_domainString_isAListOfOne() throws FormatException {
        ObjectNode json = proof();
        json.put("domain", "hospital.example");

        assertEquals(List.of("hospital.example"), Proof.parse(json).domain());
    }

    @Test
    void parse_createdWithOffset_isTheSameInstant() throws FormatException {
        ObjectNode json = proof();
        json.put("created", "2023-02-27T06:06:38+08:00");

        assertEquals(Instant.parse("2023-02-26T22:06:38Z"), Proof.parse(json).created().get());
    }

    @Test
    void parse_createdWithoutTimeZone_isRejected() {
        ObjectNode json = proof();
        json.put("created", "2023-02-26T22:06:38");

        assertThrows(FormatException.class, () -> Proof.parse(json));
    }

    @Test
    void parse_missingVerificationMethodOrNotAnObject_isRejected() throws FormatException {
        ObjectNode json = proof();
        json.remove("verificationMethod");

        assertThrows(FormatException.class, () -> Proof.parse(json));
        assertThrows(FormatException.class, () -> Proof.parse(IJson.parse("proof", "[]")));
        assertThrows(FormatException.class, () -> Proof.parse(null));
    }

    @Test
    void parse_previousProofOfNumbers_isRejected() {
        ObjectNode json = proof();
        json.putArray("previousProof").add(1);

        assertThrows(FormatException.class, () -> Proof.parse(json));
    }

    @Test
    void json_isACopyOfWhatWasRead() throws FormatException {
        ObjectNode json = proof();
        Proof proof = Proof.parse(json);
        json.put("proofPurpose", "changed");
        proof.json().put("proofPurpose", "changed too");

        assertEquals("assertionMethod", proof.proofPurpose());
        assertEquals("assertionMethod", proof.json().get("proofPurpose").textValue());
    }
}
