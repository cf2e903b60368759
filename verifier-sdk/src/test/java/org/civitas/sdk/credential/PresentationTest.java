package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresentationTest {

    /** VCDM 2.0 §4.13 "Basic structure of a presentation", holding two of the spec's credential examples. */
    private static ObjectNode presentation() {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.putArray("@context").add(VcDataModel.CONTEXT_V2).add("https://www.w3.org/ns/credentials/examples/v2");
        json.put("id", "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5");
        json.putArray("type").add("VerifiablePresentation").add("ExamplePresentation");
        json.put("holder", "did:example:ebfeb1f712ebc6f1c276e12ec21");
        ArrayNode credentials = json.putArray("verifiableCredential");
        credentials.add(VectorFiles.json("vc-data-model/v2/embedded-proof.json"));
        credentials.add(VectorFiles.json("vc-data-model/v2/status.json"));
        json.putObject("proof").put("type", "DataIntegrityProof").put("cryptosuite", "eddsa-jcs-2022");
        return json;
    }

    @Test
    void of_presentationOfSpecCredentials_readsEveryAccessor() throws FormatException {
        Presentation presentation = Presentation.of(presentation());

        assertEquals(DataModelVersion.V2_0, presentation.version());
        assertEquals(Optional.of("urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5"), presentation.id());
        assertEquals(List.of("VerifiablePresentation", "ExamplePresentation"), presentation.types());
        assertEquals(Optional.of("did:example:ebfeb1f712ebc6f1c276e12ec21"), presentation.holder());
        assertEquals(2, presentation.credentials().size());
        assertEquals("did:example:6fb1f712ebe12c27cc26eebfe11", presentation.credentials().get(0).issuer());
        assertTrue(presentation.credentials().get(0).hasProof());
        assertEquals(1, presentation.credentials().get(1).statusEntries().size());
        assertTrue(presentation.hasProof());
    }

    @Test
    void withoutProof_dropsOnlyThePresentationsProof() throws FormatException {
        Presentation presentation = Presentation.of(presentation());

        ObjectNode unsigned = presentation.withoutProof();

        assertFalse(unsigned.has("proof"));
        assertTrue(unsigned.get("verifiableCredential").get(0).has("proof"));
        assertTrue(presentation.json().has("proof"));
    }

    @Test
    void of_singleCredentialObjectAndHolderObject_areRead() throws FormatException {
        ObjectNode json = presentation();
        json.set("verifiableCredential", VectorFiles.json("vc-data-model/v2/id.json"));
        json.putObject("holder").put("id", "did:example:holder").put("name", "Pat");

        Presentation presentation = Presentation.of(json);

        assertEquals(1, presentation.credentials().size());
        assertEquals(Optional.of("did:example:holder"), presentation.holder());
    }

    @Test
    void of_noCredentialsNoHolder_isAnEmptyPresentation() throws FormatException {
        ObjectNode json = presentation();
        json.remove("verifiableCredential");
        json.remove("holder");

        Presentation presentation = Presentation.of(json);

        assertEquals(List.of(), presentation.credentials());
        assertEquals(Optional.empty(), presentation.holder());
    }

    @Test
    void parse_specExampleWithEnvelopedCredential_isNotSupportedYet() {
        FormatException e = assertThrows(FormatException.class, () -> Presentation.parse(
            VectorFiles.text("vc-data-model/v2/presentation-enveloped-credential.json")));

        assertEquals("presentation: verifiableCredential[0] is an EnvelopedVerifiableCredential (VCDM 2.0 §4.13.1),"
            + " which is not supported yet; present the credential with an embedded proof", e.getMessage());
    }

    @Test
    void of_credentialGivenAsAUrl_isFormatException() {
        ObjectNode json = presentation();
        json.withArray("verifiableCredential").add("https://university.example/credentials/3732");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertEquals("presentation: verifiableCredential[2] must be a credential object, not a JSON string"
            + " (VCDM 2.0 §4.13 Verifiable Presentations)", e.getMessage());
    }

    @Test
    void of_emptyCredentialArray_isFormatException() {
        ObjectNode json = presentation();
        json.putArray("verifiableCredential");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertTrue(e.getMessage().startsWith("presentation: verifiableCredential must be an object or a non-empty"),
            e.getMessage());
    }

    @Test
    void of_embeddedCredentialBreakingARule_namesTheCredential() {
        ObjectNode json = presentation();
        ((ObjectNode) json.get("verifiableCredential").get(1)).remove("issuer");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertEquals("presentation: verifiableCredential[1]: issuer is missing; it is required"
            + " (VCDM 2.0 §4.7 Issuer)", e.getMessage());
    }

    @Test
    void of_typeWithoutVerifiablePresentation_isFormatException() {
        ObjectNode json = presentation();
        json.putArray("type").add("ExamplePresentation");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertEquals("presentation: type must include VerifiablePresentation (VCDM 2.0 §4.13 Verifiable"
            + " Presentations), found [ExamplePresentation]", e.getMessage());
    }

    @Test
    void of_holderNotAUrl_isFormatException() {
        ObjectNode json = presentation();
        json.put("holder", "Pat");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertEquals("presentation: holder \"Pat\" is not a URL (VCDM 2.0 §4.13 Verifiable Presentations)",
            e.getMessage());
    }

    @Test
    void of_contextMissing_isFormatException() {
        ObjectNode json = presentation();
        json.remove("@context");

        FormatException e = assertThrows(FormatException.class, () -> Presentation.of(json));
        assertEquals("presentation: @context is missing; it is required (VCDM 2.0 §4.3 Contexts)", e.getMessage());
    }

    @Test
    void of_vc11PresentationOfAVc11Credential_isV11() throws FormatException {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.putArray("@context").add(VcDataModel.CONTEXT_V1);
        json.put("type", "VerifiablePresentation");
        json.set("verifiableCredential", VectorFiles.json("vc-data-model/v1.1/example-6.jsonld"));

        Presentation presentation = Presentation.of(json);

        assertEquals(DataModelVersion.V1_1, presentation.version());
        assertEquals(DataModelVersion.V1_1, presentation.credentials().get(0).version());
    }

    @Test
    void of_inputChangedAfterwards_viewAndItsCredentialsAreUnchanged() throws FormatException {
        ObjectNode json = presentation();
        Presentation presentation = Presentation.of(json);

        ((ObjectNode) json.get("verifiableCredential").get(0)).put("issuer", "did:example:mallory");

        assertEquals("did:example:6fb1f712ebe12c27cc26eebfe11", presentation.credentials().get(0).issuer());
        assertEquals("did:example:6fb1f712ebe12c27cc26eebfe11",
            presentation.credentials().get(0).json().get("issuer").textValue());
        assertEquals("did:example:6fb1f712ebe12c27cc26eebfe11",
            presentation.json().get("verifiableCredential").get(0).get("issuer").textValue());
    }
}
