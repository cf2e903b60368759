package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.civitas.sdk.status.StatusPurpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

class CredentialTest {

    @ParameterizedTest
    @ValueSource(strings = {"context.json", "id.json", "name-description.json", "multiple-subjects.json",
        "issuer-object.json", "validity-period.json", "embedded-proof.json", "status.json", "status-multiple.json"})
    void parse_vcdm2SpecExample_isAV2Credential(String file) throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/" + file));

        assertEquals(DataModelVersion.V2_0, credential.version());
        assertTrue(credential.types().contains("VerifiableCredential"));
        assertFalse(credential.subjects().isEmpty());
    }

    @Test
    void parse_idExample_readsEveryAccessor() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/id.json"));

        assertEquals(Optional.of("http://university.example/credentials/3732"), credential.id());
        assertEquals(List.of("VerifiableCredential", "ExampleDegreeCredential"), credential.types());
        assertEquals("https://university.example/issuers/565049", credential.issuer());
        assertEquals(Optional.of(Instant.parse("2010-01-01T00:00:00Z")), credential.validFrom());
        assertEquals(Optional.empty(), credential.validUntil());
        assertEquals(List.of("did:example:ebfeb1f712ebc6f1c276e12ec21"), credential.subjectIds());
        assertEquals("Bachelor of Science and Arts",
            credential.subjects().get(0).get("degree").get("name").textValue());
        assertEquals(List.of(), credential.statusEntries());
        assertFalse(credential.hasProof());
    }

    @Test
    void parse_issuerObjectExample_issuerIsTheObjectsId() throws FormatException {
        assertEquals("did:example:76e12ec712ebc6f1c221ebfeb1f",
            Credential.parse(VectorFiles.text("vc-data-model/v2/issuer-object.json")).issuer());
        assertEquals("https://university.example/issuers/565049",
            Credential.parse(VectorFiles.text("vc-data-model/v2/name-description.json")).issuer());
    }

    @Test
    void parse_issuerObjectExampleWithoutId_isFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/issuer-object.json");
        ((ObjectNode) json.get("issuer")).remove("id");

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertEquals("credential: issuer is an object without an id; it must be a URL or an object whose id is a"
            + " URL (VCDM 2.0 §4.7 Issuer)", e.getMessage());
    }

    @Test
    void parse_multipleSubjectsExample_listsEverySubject() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/multiple-subjects.json"));

        assertEquals(List.of("did:example:ebfeb1f712ebc6f1c276e12ec21", "https://subject.example/subject/8675"),
            credential.subjectIds());
        assertEquals("Morgan Doe", credential.subjects().get(1).get("name").textValue());
    }

    @Test
    void parse_multipleSubjectsExampleWithAStringSubject_isFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/multiple-subjects.json");
        json.withArray("credentialSubject").add("did:example:c276e12ec21ebfeb1f712ebc6f1");

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertEquals("credential: credentialSubject[2] must be an object (VCDM 2.0 §4.8 Credential Subject)",
            e.getMessage());
    }

    @Test
    void parse_validityPeriodExample_readsBothInstants() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/validity-period.json"));

        assertEquals(Optional.of(Instant.parse("2010-01-01T19:23:24Z")), credential.validFrom());
        assertEquals(Optional.of(Instant.parse("2020-01-01T19:23:24Z")), credential.validUntil());
    }

    @Test
    void parse_validityPeriodExampleWithDatesSwapped_isFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/validity-period.json");
        json.put("validFrom", "2020-01-01T19:23:24Z").put("validUntil", "2010-01-01T19:23:24Z");

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertEquals("credential: validUntil 2010-01-01T19:23:24Z is before validFrom 2020-01-01T19:23:24Z"
            + " (VCDM 2.0 §4.9 Validity Period)", e.getMessage());
    }

    @Test
    void parse_validFromEqualToValidUntil_isAccepted() throws FormatException {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/validity-period.json");
        json.put("validUntil", "2010-01-01T20:23:24+01:00");

        assertEquals(Credential.of(json).validFrom(), Credential.of(json).validUntil());
    }

    @Test
    void parse_embeddedProofExample_hasProofAndWithoutProofDropsIt() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/embedded-proof.json"));

        ObjectNode unsigned = credential.withoutProof();

        assertTrue(credential.hasProof());
        assertFalse(unsigned.has("proof"));
        assertTrue(credential.json().has("proof"));
        ObjectNode expected = VectorFiles.json("vc-data-model/v2/embedded-proof.json");
        expected.remove("proof");
        assertEquals(expected, unsigned);
    }

    @Test
    void parse_statusExamples_readsTheEntries() throws FormatException {
        Credential one = Credential.parse(VectorFiles.text("vc-data-model/v2/status.json"));
        Credential two = Credential.parse(VectorFiles.text("vc-data-model/v2/status-multiple.json"));

        assertEquals(1, one.statusEntries().size());
        assertEquals(94_567, one.statusEntries().get(0).statusListIndex());
        assertEquals(List.of(StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION),
            List.of(two.statusEntries().get(0).statusPurpose(), two.statusEntries().get(1).statusPurpose()));
        assertEquals("https://license.example/credentials/status/84",
            two.statusEntries().get(1).statusListCredential());
    }

    @Test
    void parse_statusExampleWithABadSecondEntry_namesTheEntry() {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/status-multiple.json");
        ((ObjectNode) json.get("credentialStatus").get(1)).put("statusListIndex", 82_938);

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertTrue(e.getMessage().startsWith("credential: credentialStatus[1]: statusListIndex must be a string"),
            e.getMessage());
    }

    @Test
    void parse_bitstringSpecRevocableCredential_readsItsEntry() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("bitstring-status-list/revocable-credential.json"));

        assertEquals("https://example.com/credentials/status/3",
            credential.statusEntries().get(0).statusListCredential());
        assertEquals(List.of("did:example:6789"), credential.subjectIds());
    }

    @Test
    void parse_vc11Example_mapsIssuanceAndExpirationDates() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v1.1/example-6.jsonld"));

        assertEquals(DataModelVersion.V1_1, credential.version());
        assertEquals(Optional.of(Instant.parse("2010-01-01T19:23:24Z")), credential.validFrom());
        assertEquals(Optional.of(Instant.parse("2020-01-01T19:23:24Z")), credential.validUntil());
        assertEquals("https://example.edu/issuers/14", credential.issuer());
        assertTrue(credential.hasProof());
    }

    @Test
    void parse_vc11ExampleWithoutIssuanceDate_isFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v1.1/example-6.jsonld");
        json.remove("issuanceDate");

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertEquals("credential: issuanceDate is missing; a v1.1 credential requires it"
            + " (VCDM 1.1 §4.6 Issuance Date)", e.getMessage());
    }

    @Test
    void parse_vc11ExampleWithValidFrom_ignoresTheV2Names() throws FormatException {
        ObjectNode json = VectorFiles.json("vc-data-model/v1.1/example-6.jsonld");
        json.put("validFrom", "not a date");

        assertEquals(Optional.of(Instant.parse("2010-01-01T19:23:24Z")), Credential.of(json).validFrom());
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
            bad("@context missing", j -> j.remove("@context"),
                "@context is missing; it is required (VCDM 2.0 §4.3 Contexts)"),
            bad("@context a number", j -> j.put("@context", 2),
                "@context must be a URL or a non-empty array of URLs and objects (VCDM 2.0 §4.3 Contexts)"),
            bad("@context empty", j -> j.putArray("@context"),
                "@context must be a URL or a non-empty array of URLs and objects (VCDM 2.0 §4.3 Contexts)"),
            bad("@context starting with the examples context", j -> j.putArray("@context")
                    .add("https://www.w3.org/ns/credentials/examples/v2").add("https://www.w3.org/ns/credentials/v2"),
                "the first @context item must be \"https://www.w3.org/ns/credentials/v2\" (VCDM 2.0 §4.3 Contexts) or"
                    + " \"https://www.w3.org/2018/credentials/v1\" (VCDM 1.1 §4.1), found"
                    + " \"https://www.w3.org/ns/credentials/examples/v2\""),
            bad("@context with http instead of https", j -> j.putArray("@context")
                    .add("http://www.w3.org/ns/credentials/v2"), "the first @context item must be"),
            bad("@context starting with an object", j -> j.putArray("@context").addObject().put("@vocab", "x"),
                "found a JSON object"),
            bad("@context with a number later", j -> j.withArray("@context").add(7),
                "@context item 2 must be a URL or an object (VCDM 2.0 §4.3 Contexts)"),
            bad("type missing", j -> j.remove("type"), "type is missing; it is required (VCDM 2.0 §4.5 Types)"),
            bad("type without VerifiableCredential", j -> j.putArray("type").add("ExampleDegreeCredential"),
                "type must include VerifiableCredential (VCDM 2.0 §4.5 Types), found [ExampleDegreeCredential]"),
            bad("type empty", j -> j.putArray("type"),
                "type must be a string or a non-empty array of strings (VCDM 2.0 §4.5 Types)"),
            bad("type with a number", j -> j.putArray("type").add("VerifiableCredential").add(1),
                "type values must be non-empty strings (VCDM 2.0 §4.5 Types)"),
            bad("id not a URL", j -> j.put("id", "credential 3732"),
                "id \"credential 3732\" is not a URL (VCDM 2.0 §4.4 Identifiers)"),
            bad("id a number", j -> j.put("id", 3732), "id must be a URL string (VCDM 2.0 §4.4 Identifiers),"
                + " found a JSON number"),
            bad("issuer missing", j -> j.remove("issuer"), "issuer is missing; it is required (VCDM 2.0 §4.7 Issuer)"),
            bad("issuer a name", j -> j.put("issuer", "Example University"),
                "issuer \"Example University\" is not a URL (VCDM 2.0 §4.7 Issuer)"),
            bad("issuer a number", j -> j.put("issuer", 14),
                "issuer must be a URL or an object whose id is a URL (VCDM 2.0 §4.7 Issuer), found a JSON number"),
            bad("issuer object with a relative id", j -> j.putObject("issuer").put("id", "/issuers/14"),
                "issuer.id \"/issuers/14\" is not a URL (VCDM 2.0 §4.7 Issuer)"),
            bad("credentialSubject missing", j -> j.remove("credentialSubject"),
                "credentialSubject is missing; it is required (VCDM 2.0 §4.8 Credential Subject)"),
            bad("credentialSubject a string", j -> j.put("credentialSubject", "did:example:1"),
                "credentialSubject must be an object or a non-empty array of objects"),
            bad("credentialSubject empty array", j -> j.putArray("credentialSubject"),
                "credentialSubject must be an object or a non-empty array of objects"),
            bad("credentialSubject empty object", j -> j.putObject("credentialSubject"),
                "credentialSubject is empty; each subject must be the subject of at least one claim"),
            bad("credentialSubject id not a URL", j -> ((ObjectNode) j.get("credentialSubject")).put("id", "Pat"),
                "credentialSubject.id \"Pat\" is not a URL (VCDM 2.0 §4.4 Identifiers)"),
            bad("validFrom without a time zone", j -> j.put("validFrom", "2010-01-01T00:00:00"),
                "validFrom \"2010-01-01T00:00:00\" is not an XML Schema dateTimeStamp, yyyy-MM-ddTHH:mm:ss[.fff]"
                    + " with Z or ±hh:mm (VCDM 2.0 §4.9 Validity Period): no time zone"),
            bad("validFrom a date only", j -> j.put("validFrom", "2010-01-01"), "validFrom \"2010-01-01\" is not an"),
            bad("validFrom a number", j -> j.put("validFrom", 1262304000),
                "validFrom must be a dateTimeStamp string (VCDM 2.0 §4.9 Validity Period), found a JSON number"),
            bad("validUntil impossible", j -> j.put("validUntil", "2021-02-30T00:00:00Z"),
                "validUntil \"2021-02-30T00:00:00Z\" is not an XML Schema dateTimeStamp"),
            bad("credentialStatus empty", j -> j.putArray("credentialStatus"),
                "credentialStatus must be an object or a non-empty array of objects (VCDM 2.0 §4.10 Status)"),
            bad("credentialStatus of an unknown type", j -> j.putObject("credentialStatus")
                    .put("type", "ExampleStatus").put("id", "https://example.com/status/1"),
                "credential: credentialStatus: type \"ExampleStatus\" is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void of_credentialBreakingARule_isFormatExceptionNamingIt(String name, Consumer<ObjectNode> change,
                                                             String expected) {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/id.json");
        change.accept(json);

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("credential: "), e.getMessage());
    }

    @Test
    void of_vc11ExpirationWithoutTimeZone_isFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v1.1/example-6.jsonld");
        json.put("expirationDate", "2020-01-01T19:23:24");

        FormatException e = assertThrows(FormatException.class, () -> Credential.of(json));
        assertTrue(e.getMessage().contains("expirationDate \"2020-01-01T19:23:24\" is not an XML Schema"
            + " dateTimeStamp"), e.getMessage());
        assertTrue(e.getMessage().contains("(VCDM 1.1 §4.8 Expiration)"), e.getMessage());
    }

    @Test
    void parse_notJson_isFormatException() {
        assertThrows(FormatException.class, () -> Credential.parse("{\"@context\": "));
        assertThrows(FormatException.class, () -> Credential.parse("[]"));
        FormatException e = assertThrows(FormatException.class, () -> Credential.parse(
            VectorFiles.text("vc-data-model/v2/id.json").replace("\"issuer\"", "\"type\": \"X\", \"issuer\"")));
        assertTrue(e.getMessage().contains("Duplicate field 'type'"), e.getMessage());
    }

    @Test
    void of_inputChangedAfterwards_viewIsUnchanged() throws FormatException {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/id.json");
        Credential credential = Credential.of(json);

        json.put("issuer", "did:example:mallory");
        ((ObjectNode) json.get("credentialSubject")).put("id", "did:example:mallory");

        assertEquals("https://university.example/issuers/565049", credential.issuer());
        assertEquals("https://university.example/issuers/565049", credential.json().get("issuer").textValue());
        assertEquals("did:example:ebfeb1f712ebc6f1c276e12ec21",
            credential.subjects().get(0).get("id").textValue());
    }

    @Test
    void accessors_returnedTreesChanged_viewIsUnchanged() throws FormatException {
        Credential credential = Credential.parse(VectorFiles.text("vc-data-model/v2/embedded-proof.json"));

        credential.json().remove("proof");
        credential.subjects().get(0).put("id", "did:example:mallory");
        credential.withoutProof().put("issuer", "did:example:mallory");

        assertTrue(credential.hasProof());
        assertEquals("https://subject.example/subject/3921", credential.subjects().get(0).get("id").textValue());
        assertEquals("did:example:6fb1f712ebe12c27cc26eebfe11", credential.json().get("issuer").textValue());
        assertThrows(UnsupportedOperationException.class, () -> credential.types().add("X"));
        assertThrows(UnsupportedOperationException.class, () -> credential.subjects().add(null));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> change, String expected) {
        return arguments(name, change, expected);
    }
}
