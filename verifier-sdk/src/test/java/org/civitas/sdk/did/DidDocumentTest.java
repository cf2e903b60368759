package org.civitas.sdk.did;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DidDocumentTest {

    private static final String DOCUMENT = "{\"@context\":[\"https://www.w3.org/ns/did/v1\"],"
        + "\"id\":\"did:example:123\",\"verificationMethod\":[{\"id\":\"did:example:123#key-1\","
        + "\"type\":\"Multikey\",\"controller\":\"did:example:123\","
        + "\"publicKeyMultibase\":\"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\"}],"
        + "\"assertionMethod\":[\"#key-1\"]}";

    @Test
    void jsonText_isTheDocumentAsRead_andReadsBackToTheSameDocument() throws FormatException {
        DidDocument document = DidDocument.parse(DOCUMENT);

        assertEquals(DOCUMENT, document.jsonText());
        assertEquals(document.json(), DidDocument.parse(document.jsonText()).json());
    }

    @Test
    void changingTheCopyJsonGives_changesNeitherTheDocumentNorItsText() throws FormatException {
        DidDocument document = DidDocument.parse(DOCUMENT);
        ObjectNode copy = document.json();

        copy.put("id", "did:example:other");

        assertNotEquals(copy.toString(), document.jsonText());
        assertEquals(DOCUMENT, document.jsonText());
        assertEquals("did:example:123", document.id().toString());
    }
}
