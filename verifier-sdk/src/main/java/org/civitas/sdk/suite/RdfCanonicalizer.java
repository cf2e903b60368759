package org.civitas.sdk.suite;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import com.apicatalog.jsonld.processor.ToRdfProcessor;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.canon.RdfCanonTicker;
import com.apicatalog.rdf.canon.RdfCanonTimeTicker;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON-LD to RDF (JSON-LD 1.1 API §8.2 "Deserialize JSON-LD to RDF") and RDF Dataset Canonicalization (RDFC-1.0)
 * serialised as canonical N-Quads (RDF Dataset Canonicalization §4.5 "serialized canonical form": every quad ends
 * with a newline, the last one too). Offline and bounded:
 * <ul>
 *   <li>contexts come only from {@link JsonLdContexts}; any other URL fails, and nothing is fetched;</li>
 *   <li>terms that no context defines fail instead of being dropped (the Data Integrity "safe mode",
 *       VC Data Integrity 1.0 §2.4.3 "Securing Data Losslessly");</li>
 *   <li>expansion and canonicalisation each run under {@link #TIME_LIMIT}, so that a hostile blank-node graph
 *       (RDF Dataset Canonicalization §6.1 "Dataset Poisoning") is refused instead of running on.</li>
 * </ul>
 * Uses titanium's processors directly: its fluent {@code JsonLd} API and the no-argument {@code JsonLdOptions()}
 * load {@code java.net.http}, which Android lacks. {@code JsonLdOptions} holds a cache that is not thread-safe, so
 * each call makes its own.
 */
final class RdfCanonicalizer {

    /**
     * Upper bound for canonicalisation of one document. A credential of a few dozen quads canonicalises in well
     * under a millisecond; a 56-quad blank-node clique takes seconds. One second keeps honest documents far inside
     * the bound on a slow phone and refuses poisoned ones quickly.
     */
    static final Duration TIME_LIMIT = Duration.ofSeconds(1);
    /**
     * Upper bound for JSON-LD expansion, which is not exponential like canonicalisation but is what runs first: the
     * first expansion after start loads the JSON-LD processor's classes and parses the bundled contexts, which on a
     * busy or slow device took over a second for an honest credential. Five seconds refuses no honest document.
     */
    static final Duration EXPANSION_TIME_LIMIT = Duration.ofSeconds(5);

    private RdfCanonicalizer() { }

    /** The canonical N-Quads of a JSON-LD document, UTF-8. */
    static byte[] canonicalize(ObjectNode document, JsonLdContexts contexts) throws TransformationException {
        ContextLoader loader = new ContextLoader(contexts);
        JsonLdOptions options = new JsonLdOptions(loader);
        options.setUndefinedTermsPolicy(JsonLdOptions.ProcessingPolicy.Fail);
        options.setTimeout(EXPANSION_TIME_LIMIT);
        RdfCanon canon = RdfCanon.create("SHA-256", new BoundedTicker());
        JsonObject json = (JsonObject) JakartaJson.toJakarta(document);
        try {
            ToRdfProcessor.toRdf(canon, JsonDocument.of(MediaType.JSON_LD, json), options);
            StringWriter nquads = new StringWriter();
            canon.provide(new NQuadsWriter(nquads));
            return nquads.toString().getBytes(StandardCharsets.UTF_8);
        } catch (JsonLdError e) {
            throw translate(e, loader.rejected);
        } catch (TimeBoundExceeded e) {
            throw new TransformationException(TransformationException.Kind.TOO_COMPLEX, "",
                "RDF canonicalisation ran past " + TIME_LIMIT.toMillis() + " ms");
        } catch (RdfConsumerException e) {
            throw new TransformationException(TransformationException.Kind.INVALID, "",
                "the RDF dataset could not be written: " + e.getMessage());
        } catch (RuntimeException e) {
            // untrusted input must never crash a verifier, whatever the library throws
            throw new TransformationException(TransformationException.Kind.INVALID, "",
                "JSON-LD processing failed: " + e);
        }
    }

    private static TransformationException translate(JsonLdError e, String rejectedContext) {
        JsonLdErrorCode code = e.getCode();
        if (rejectedContext != null) {
            return new TransformationException(TransformationException.Kind.UNKNOWN_CONTEXT, rejectedContext,
                "the JSON-LD context " + rejectedContext + " is not one this verifier holds");
        }
        if (code == JsonLdErrorCode.UNDEFINED_TERM) {
            return new TransformationException(TransformationException.Kind.UNDEFINED_TERM, termOf(e.getMessage()),
                "a term is not defined by any context: " + e.getMessage());
        }
        if (code == JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED) {
            return new TransformationException(TransformationException.Kind.TOO_COMPLEX, "",
                "JSON-LD expansion ran past " + EXPANSION_TIME_LIMIT.toMillis() + " ms");
        }
        return new TransformationException(TransformationException.Kind.INVALID, "",
            "not valid JSON-LD (" + code + "): " + e.getMessage());
    }

    /** titanium names the undefined term in its message; keep the message when its wording changes. */
    private static String termOf(String message) {
        if (message == null) return "";
        int quote = message.indexOf('[');
        int end = message.indexOf(']', quote + 1);
        return quote >= 0 && end > quote ? message.substring(quote + 1, end) : message;
    }

    /** {@link RdfCanonTimeTicker}, with its bound signalled by an exception no other code throws. */
    private static final class BoundedTicker implements RdfCanonTicker {
        private final RdfCanonTimeTicker ticker = new RdfCanonTimeTicker(TIME_LIMIT.toMillis());

        @Override
        public void tick() {
            try {
                ticker.tick();
            } catch (IllegalStateException e) {
                throw new TimeBoundExceeded();
            }
        }
    }

    private static final class TimeBoundExceeded extends IllegalStateException {
        TimeBoundExceeded() { super("RDF canonicalisation time bound exceeded"); }
    }

    /** Serves bundled contexts and remembers the first URL it refused, so that the error can name it. */
    private static final class ContextLoader implements DocumentLoader {
        private final JsonLdContexts contexts;
        String rejected;

        ContextLoader(JsonLdContexts contexts) { this.contexts = contexts; }

        @Override
        public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
            JsonStructure structure = contexts.document(url.toString());
            if (structure == null) {
                if (rejected == null) rejected = url.toString();
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                    "the context " + url + " is not bundled, and contexts are never fetched from the network");
            }
            JsonDocument document = JsonDocument.of(MediaType.JSON_LD, structure);   // a fresh wrapper per load
            document.setDocumentUrl(url);
            return document;
        }
    }
}
