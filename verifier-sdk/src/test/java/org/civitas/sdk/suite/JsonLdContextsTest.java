package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLdContextsTest {

    @Test
    void bundled_holdsTheContextsTheSuitesNeed() {
        assertEquals(Set.of("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1",
                "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/multikey/v1",
                "https://www.w3.org/ns/credentials/status/v1", "https://www.w3.org/ns/did/v1"),
            JsonLdContexts.bundled().urls());
        assertFalse(JsonLdContexts.bundled().contains(Vectors.EXAMPLES_CONTEXT_URL));
    }

    @Test
    void with_addsOneContextAndLeavesTheOriginalAlone() {
        JsonLdContexts more = JsonLdContexts.bundled().with("https://example.org/ctx", "{\"@context\":{}}");

        assertTrue(more.contains("https://example.org/ctx"));
        assertFalse(JsonLdContexts.bundled().contains("https://example.org/ctx"));
    }

    @Test
    void with_notAContextDocument_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> JsonLdContexts.bundled().with("https://example.org/x", "[]"));
        assertThrows(IllegalArgumentException.class, () -> JsonLdContexts.bundled().with("https://example.org/x", "{}"));
    }

    @Test
    void canonicalize_remoteContextNotHeld_isRefusedWithoutTheNetwork() {
        ObjectNode document = IJson.mapper().createObjectNode();
        document.put("@context", "https://attacker.example/context");
        document.put("name", "x");

        TransformationException e = assertThrows(TransformationException.class,
            () -> RdfCanonicalizer.canonicalize(document, JsonLdContexts.bundled()));

        assertEquals(TransformationException.Kind.UNKNOWN_CONTEXT, e.kind());
        assertEquals("https://attacker.example/context", e.subject());
    }

    @Test
    void canonicalize_dataIntegrityContext_expandsProofTerms() throws TransformationException {
        ObjectNode document = IJson.mapper().createObjectNode();
        document.put("@context", "https://w3id.org/security/data-integrity/v2");
        document.put("type", "DataIntegrityProof");
        document.put("cryptosuite", "eddsa-rdfc-2022");

        String nquads = new String(RdfCanonicalizer.canonicalize(document, JsonLdContexts.bundled()), StandardCharsets.UTF_8);

        assertEquals("_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .\n"
            + "_:c14n0 <https://w3id.org/security#cryptosuite> \"eddsa-rdfc-2022\"^^<https://w3id.org/security#cryptosuiteString> .\n",
            nquads);
    }

    /** RDF Dataset Canonicalization §6.1 "Dataset Poisoning": a blank-node clique must be refused, not run on. */
    @Test
    void canonicalize_blankNodeClique_isRefusedAsTooComplex() {
        ObjectNode document = IJson.mapper().createObjectNode();
        document.putObject("@context").put("@vocab", "https://example.org/");
        ArrayNode graph = document.putArray("@graph");
        int nodes = 12;
        for (int i = 0; i < nodes; i++) {
            ObjectNode node = graph.addObject().put("@id", "_:b" + i);
            ArrayNode links = node.putArray("link");
            for (int j = 0; j < nodes; j++) if (j != i) links.addObject().put("@id", "_:b" + j);
        }

        TransformationException e = assertThrows(TransformationException.class,
            () -> RdfCanonicalizer.canonicalize(document, JsonLdContexts.bundled()));

        assertEquals(TransformationException.Kind.TOO_COMPLEX, e.kind());
    }
}
