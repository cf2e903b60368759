package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatusListCredentialTest {

    private static final String LIST = "https://status.civitas.example/lists/7";
    private static final Instant ISSUED = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void parse_specExample3_readsTheList() throws FormatException {
        StatusListCredential list = StatusListCredential.parse(
            VectorFiles.json("bitstring-status-list/status-list-credential.json"));

        assertEquals(Optional.of("https://example.com/credentials/status/3"), list.id());
        assertEquals("did:example:12345", list.issuer());
        assertEquals(Instant.parse("2021-04-05T14:27:40Z"), list.validFrom());
        assertEquals(Optional.empty(), list.validUntil());
        assertEquals(List.of(StatusPurpose.REVOCATION), list.statusPurposes());
        assertEquals(131_072, list.bits().length());
        assertEquals(0, list.bits().status(94_567));
        assertEquals(Optional.empty(), list.ttl());
    }

    @Test
    void parse_specExample3WithTamperedList_isFormatException() {
        ObjectNode json = VectorFiles.json("bitstring-status-list/status-list-credential.json");
        ((ObjectNode) json.get("credentialSubject")).put("encodedList",
            "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAB");

        FormatException e = assertThrows(FormatException.class, () -> StatusListCredential.parse(json));
        assertTrue(e.getMessage().startsWith("encodedList: "), e.getMessage());
    }

    @Test
    void buildUnsigned_thenParse_roundTrips() throws FormatException {
        StatusBits.Builder bits = StatusBits.builder(131_072, 1).set(42, 1);

        ObjectNode json = StatusListCredential.builder().id(LIST).issuer("did:civitas:health")
            .validFrom(ISSUED).validUntil(ISSUED.plus(Duration.ofDays(2))).statusPurpose(StatusPurpose.REVOCATION)
            .statusPurpose(StatusPurpose.SUSPENSION).bits(bits).ttl(Duration.ofMinutes(5)).buildUnsigned();
        StatusListCredential list = StatusListCredential.parse(json);

        assertEquals(Optional.of(LIST), list.id());
        assertEquals("did:civitas:health", list.issuer());
        assertEquals(ISSUED, list.validFrom());
        assertEquals(Optional.of(ISSUED.plus(Duration.ofDays(2))), list.validUntil());
        assertEquals(List.of(StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION), list.statusPurposes());
        assertEquals(bits.build(), list.bits());
        assertEquals(Optional.of(Duration.ofMinutes(5)), list.ttl());
        assertFalse(list.credential().hasProof());
    }

    @Test
    void buildUnsigned_onePurpose_hasTheSpecShape() {
        ObjectNode json = StatusListCredential.builder().id(LIST).issuer("did:civitas:health").validFrom(ISSUED)
            .statusPurpose(StatusPurpose.REVOCATION).bits(StatusBits.builder(131_072, 1).build()).buildUnsigned();

        assertEquals("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":\"" + LIST + "\","
            + "\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],\"issuer\":\"did:civitas:health\","
            + "\"validFrom\":\"2026-11-20T08:00:00Z\",\"credentialSubject\":{\"id\":\"" + LIST + "#list\","
            + "\"type\":\"BitstringStatusList\",\"statusPurpose\":\"revocation\",\"encodedList\":\""
            + json.get("credentialSubject").get("encodedList").textValue() + "\"}}", json.toString());
    }

    @Test
    void buildUnsigned_missingParts_isIllegalState() {
        StatusListCredential.Builder builder = StatusListCredential.builder().id(LIST).issuer("did:civitas:health")
            .validFrom(ISSUED).bits(StatusBits.builder(131_072, 1).build());

        assertThrows(IllegalStateException.class, builder::buildUnsigned);
        builder.statusPurpose(StatusPurpose.REVOCATION).validUntil(ISSUED.minusSeconds(1));
        assertThrows(IllegalStateException.class, builder::buildUnsigned);
    }

    static Stream<Arguments> malformedLists() {
        return Stream.of(
            bad("VC 1.1 credential", j -> j.put("issuanceDate", "2021-04-05T14:27:40Z")
                    .putArray("@context").add("https://www.w3.org/2018/credentials/v1"),
                "status list credential: must be a VC Data Model 2.0 credential"),
            bad("not a status list credential", j -> j.putArray("type").add("VerifiableCredential"),
                "type must include BitstringStatusListCredential"),
            bad("no validFrom", j -> j.remove("validFrom"), "validFrom is missing; Civitas requires it"),
            bad("two subjects", j -> {
                ObjectNode subject = (ObjectNode) j.remove("credentialSubject");
                j.putArray("credentialSubject").add(subject).add(subject.deepCopy());
            }, "credentialSubject must be the one status list, found 2 subjects"),
            bad("subject type missing", j -> subject(j).remove("type"),
                "credentialSubject.type must be BitstringStatusList"),
            bad("subject of another type", j -> subject(j).put("type", "StatusList2021"),
                "credentialSubject.type must be BitstringStatusList"),
            bad("purpose missing", j -> subject(j).remove("statusPurpose"), "credentialSubject.statusPurpose is missing"),
            bad("purpose unknown", j -> subject(j).put("statusPurpose", "audit"),
                "credentialSubject.statusPurpose \"audit\" is not supported"),
            bad("purpose a number", j -> subject(j).put("statusPurpose", 1), "must be one or more strings"),
            bad("encodedList missing", j -> subject(j).remove("encodedList"),
                "credentialSubject.encodedList must be a string"),
            bad("encodedList a number", j -> subject(j).put("encodedList", 0),
                "credentialSubject.encodedList must be a string"),
            bad("ttl negative", j -> subject(j).put("ttl", -1), "credentialSubject.ttl must be a whole number"),
            bad("ttl a string", j -> subject(j).put("ttl", "300000"), "credentialSubject.ttl must be a whole number"),
            bad("not a credential at all", j -> j.remove("issuer"), "credential: issuer is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLists")
    void parse_malformedList_isFormatExceptionNamingTheRule(String name, Consumer<ObjectNode> change,
                                                            String expected) {
        ObjectNode json = VectorFiles.json("bitstring-status-list/status-list-credential.json");
        change.accept(json);

        FormatException e = assertThrows(FormatException.class, () -> StatusListCredential.parse(json));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }

    @Test
    void parse_purposeArrayWithRepeats_keepsEachOnceInOrder() throws FormatException {
        ObjectNode json = VectorFiles.json("bitstring-status-list/status-list-credential.json");
        subject(json).putArray("statusPurpose").add("suspension").add("revocation").add("suspension");

        assertEquals(List.of(StatusPurpose.SUSPENSION, StatusPurpose.REVOCATION),
            StatusListCredential.parse(json).statusPurposes());
    }

    private static Arguments bad(String name, Consumer<ObjectNode> change, String expected) {
        return arguments(name, change, expected);
    }

    private static ObjectNode subject(ObjectNode json) {
        return (ObjectNode) json.get("credentialSubject");
    }
}
