package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.jcs.Jcs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProofOptionsTest {

    private static final String METHOD = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    @Test
    void toJson_minimalOptions_defaultsToAssertionMethod() {
        ObjectNode json = ProofOptions.builder("eddsa-jcs-2022", METHOD).build().toJson();

        assertEquals("{\"cryptosuite\":\"eddsa-jcs-2022\",\"proofPurpose\":\"assertionMethod\",\"type\":\"DataIntegrityProof\","
            + "\"verificationMethod\":\"" + METHOD + "\"}", Jcs.canonicalString(json));
    }

    @Test
    void toJson_createdWholeSecond_isWrittenToTheSecondWithZ() {
        ObjectNode json = ProofOptions.builder("eddsa-jcs-2022", METHOD)
            .created(Instant.parse("2023-02-24T23:36:38Z")).build().toJson();

        assertEquals("2023-02-24T23:36:38Z", json.get("created").textValue());
    }

    @Test
    void toJson_createdWithMilliseconds_keepsOnlyTheDigitsNeeded() {
        ObjectNode json = ProofOptions.builder("eddsa-jcs-2022", METHOD)
            .created(Instant.parse("2023-02-24T23:36:38.500Z")).expires(Instant.parse("2024-02-24T23:36:38.123456Z"))
            .build().toJson();

        assertEquals("2023-02-24T23:36:38.5Z", json.get("created").textValue());
        assertEquals("2024-02-24T23:36:38.123456Z", json.get("expires").textValue());
    }

    @Test
    void toJson_everyMember_inTheOrderOfTheW3cExamples() {
        ObjectNode json = ProofOptions.builder("eddsa-rdfc-2022", METHOD).id("urn:uuid:1")
            .created(Instant.parse("2023-02-24T23:36:38Z")).expires(Instant.parse("2024-02-24T23:36:38Z"))
            .proofPurpose("authentication").challenge("c-1").domain("hospital.example").nonce("n-1")
            .previousProof("urn:uuid:0").build().toJson();

        assertEquals(List.of("type", "id", "cryptosuite", "created", "expires", "verificationMethod", "proofPurpose",
            "challenge", "domain", "nonce", "previousProof"), fieldNames(json));
        assertEquals("hospital.example", json.get("domain").textValue());
        assertEquals("urn:uuid:0", json.get("previousProof").textValue());
    }

    @Test
    void toJson_severalDomainsAndPreviousProofs_areArrays() {
        ObjectNode json = ProofOptions.builder("eddsa-rdfc-2022", METHOD).domains(List.of("a.example", "b.example"))
            .previousProof("urn:uuid:1", "urn:uuid:2").build().toJson();

        assertEquals(2, json.get("domain").size());
        assertEquals(2, json.get("previousProof").size());
    }

    @Test
    void build_expiresNotAfterCreated_isRejected() {
        Instant t = Instant.parse("2023-02-24T23:36:38Z");

        assertThrows(IllegalArgumentException.class,
            () -> ProofOptions.builder("eddsa-jcs-2022", METHOD).created(t).expires(t).build());
    }

    @Test
    void builder_emptyValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProofOptions.builder("", METHOD));
        assertThrows(IllegalArgumentException.class, () -> ProofOptions.builder("eddsa-jcs-2022", METHOD).challenge(""));
        assertThrows(NullPointerException.class, () -> ProofOptions.builder("eddsa-jcs-2022", null));
    }

    @Test
    void toJson_eachCall_isANewTree() {
        ProofOptions options = ProofOptions.builder("eddsa-jcs-2022", METHOD).build();
        options.toJson().put("proofPurpose", "changed");

        assertEquals("assertionMethod", options.toJson().get("proofPurpose").textValue());
        assertFalse(options.toJson().has("proofValue"));
    }

    private static List<String> fieldNames(ObjectNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
