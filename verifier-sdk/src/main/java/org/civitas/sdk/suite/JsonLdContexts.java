package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.jcs.IJson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON-LD context documents the RDFC cryptosuites may use, served from memory and never from the network
 * (VC Data Integrity 1.0 §2.4 "Contexts and Vocabularies": contexts are treated as already resolved, and §2.4.1
 * allows "a document loader … to use only local copies of approved context files"). A document naming any other
 * context fails to canonicalise with {@link TransformationException.Kind#UNKNOWN_CONTEXT}.
 *
 * <p>{@link #bundled()} holds the copies shipped in this jar under {@code org/civitas/sdk/contexts/} (credentials
 * v2 and v1, data-integrity v2, multikey v1, DID v1, status v1), each checked against the SHA-256 in its
 * {@code index.json} when first used. {@link #with} adds a context a deployment approves. Every document is parsed
 * once and shared: instances are immutable and thread-safe.
 */
public final class JsonLdContexts {

    private static final String BUNDLE = "org/civitas/sdk/contexts/";

    private final Map<String, JsonStructure> documents;

    private JsonLdContexts(Map<String, JsonStructure> documents) {
        this.documents = Collections.unmodifiableMap(documents);
    }

    /** The contexts bundled in the SDK. */
    public static JsonLdContexts bundled() { return Bundled.INSTANCE; }

    /**
     * These contexts and one more, served for {@code url}. The caller vouches for the document: it changes the
     * meaning of every credential that names the URL.
     *
     * @throws IllegalArgumentException {@code json} is not a JSON object with an {@code @context} member
     */
    public JsonLdContexts with(String url, String json) {
        if (url.isEmpty()) throw new IllegalArgumentException("a context needs a URL");
        ObjectNode parsed;
        try {
            parsed = IJson.parseObject("JSON-LD context " + url, json);
        } catch (FormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!parsed.has("@context")) throw new IllegalArgumentException("JSON-LD context " + url + " has no @context");
        Map<String, JsonStructure> more = new LinkedHashMap<>(documents);
        more.put(url, read(json.getBytes(StandardCharsets.UTF_8)));
        return new JsonLdContexts(more);
    }

    /**
     * The contexts shipped in this jar: URL → SHA-256 (lower-case hex) of the file, as listed in its index. A trust
     * bundle names the contexts it allows by these digests.
     */
    public static Map<String, String> bundledSha256() { return BundledDigests.SHA256; }

    /** Whether a context is served for this URL. */
    public boolean contains(String url) { return documents.containsKey(url); }

    /** The URLs served, in the order they were added. */
    public Set<String> urls() { return documents.keySet(); }

    /** The parsed document for a URL, or {@code null}. */
    JsonStructure document(String url) { return documents.get(url); }

    private static JsonStructure read(byte[] json) {
        try (JsonReader reader = JakartaJson.PROVIDER.createReader(new ByteArrayInputStream(json))) {
            return reader.read();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not a JSON-LD context document: " + e.getMessage(), e);
        }
    }

    /** The bundled index: context URL → file and SHA-256. */
    private static ObjectNode index() {
        try {
            return IJson.parseObject("contexts index", new String(resource("index.json"), StandardCharsets.UTF_8));
        } catch (FormatException e) {
            throw new IllegalStateException("the bundled context index is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = JsonLdContexts.class.getClassLoader().getResourceAsStream(BUNDLE + name)) {
            if (in == null) throw new IllegalStateException("the SDK jar lacks " + BUNDLE + name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLE + name, e);
        }
    }

    /** The index's digests alone, so that reading them does not parse every context document. */
    private static final class BundledDigests {
        static final Map<String, String> SHA256 = Collections.unmodifiableMap(digests());

        private static Map<String, String> digests() {
            Map<String, String> digests = new LinkedHashMap<>();
            index().fields().forEachRemaining(e -> digests.put(e.getKey(), e.getValue().path("sha256").asText()));
            return digests;
        }
    }

    /** Loaded on first use: a missing or altered bundled file is a packaging error. */
    private static final class Bundled {
        static final JsonLdContexts INSTANCE = load();

        private static JsonLdContexts load() {
            ObjectNode index = index();
            Map<String, JsonStructure> documents = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = index.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String file = entry.getValue().path("file").asText();
                byte[] bytes = resource(file);
                String expected = entry.getValue().path("sha256").asText();
                if (!Bytes.hex(sha256(bytes)).equals(expected)) {
                    throw new IllegalStateException("the bundled context " + file + " does not match its SHA-256 "
                        + expected + " in index.json");
                }
                documents.put(entry.getKey(), read(bytes));
            }
            return new JsonLdContexts(documents);
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from the platform", e);
            }
        }
    }

    @Override
    public String toString() { return "JsonLdContexts" + documents.keySet(); }
}
