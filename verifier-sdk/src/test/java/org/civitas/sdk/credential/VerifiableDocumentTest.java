package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiableDocumentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": [\"VerifiableCredential\", \"ExampleDegreeCredential\"]}  | CREDENTIAL",
        "{\"type\": \"VerifiableCredential\"}                                 | CREDENTIAL",
        "{\"type\": [\"VerifiablePresentation\"]}                             | PRESENTATION",
        "{\"type\": \"EnvelopedVerifiableCredential\"}                        | ENVELOPED_CREDENTIAL",
        "{\"type\": \"EnvelopedVerifiablePresentation\"}                      | ENVELOPED_PRESENTATION",
        "{\"type\": [\"VerifiableCredential\", \"VerifiablePresentation\"]}   | UNKNOWN",
        "{\"type\": [\"ExampleDegreeCredential\"]}                            | UNKNOWN",
        "{\"type\": 7}                                                        | UNKNOWN",
        "{\"type\": {\"VerifiableCredential\": true}}                         | UNKNOWN",
        "{}                                                                   | UNKNOWN",
    })
    void kind_type_tellsWhatTheDocumentClaimsToBe(String json, VerifiableDocument.Kind expected)
            throws FormatException {
        assertEquals(expected, VerifiableDocument.kind(IJson.parseObject("test", json)));
    }

    @Test
    void parse_specCredentialExample_isACredential() throws FormatException {
        VerifiableDocument document = VerifiableDocument.parse(VectorFiles.text("vc-data-model/v2/status.json"));

        Credential credential = assertInstanceOf(Credential.class, document);
        assertEquals(1, credential.statusEntries().size());
    }

    @Test
    void of_presentation_isAPresentation() throws FormatException {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("@context", VcDataModel.CONTEXT_V2).put("type", "VerifiablePresentation");
        json.set("verifiableCredential", VectorFiles.json("vc-data-model/v2/id.json"));

        VerifiableDocument document = VerifiableDocument.of(json);

        assertEquals(1, assertInstanceOf(Presentation.class, document).credentials().size());
    }

    @Test
    void parse_specEnvelopedPresentationExample_isNotSupportedYet() {
        FormatException e = assertThrows(FormatException.class,
            () -> VerifiableDocument.parse(VectorFiles.text("vc-data-model/v2/enveloped-presentation.json")));

        assertEquals("document: enveloped credentials and presentations (VCDM 2.0 §4.13.1, §4.13.2) are not"
            + " supported yet", e.getMessage());
    }

    @Test
    void parse_neitherKind_isFormatException() {
        FormatException e = assertThrows(FormatException.class,
            () -> VerifiableDocument.parse("{\"type\": [\"ExampleDegreeCredential\"]}"));

        assertEquals("document: type must include exactly one of VerifiableCredential or VerifiablePresentation"
            + " (VCDM 2.0 §4.5 Types)", e.getMessage());
    }

    @Test
    void parse_credentialBreakingARule_isTheCredentialsFormatException() {
        ObjectNode json = VectorFiles.json("vc-data-model/v2/id.json");
        json.remove("issuer");

        FormatException e = assertThrows(FormatException.class, () -> VerifiableDocument.of(json));
        assertEquals("credential: issuer is missing; it is required (VCDM 2.0 §4.7 Issuer)", e.getMessage());
    }
}
