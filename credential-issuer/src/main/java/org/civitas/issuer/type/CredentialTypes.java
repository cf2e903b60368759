package org.civitas.issuer.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.suite.Cryptosuites;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential type catalogue: one JSON file per type version under {@code org/civitas/issuer/types/}, listed by
 * {@code catalogue.json} (which also carries the catalogue's version). Each file gives the type's id, version,
 * domain, English and Chinese labels, JSON Schema of the claims, default validity (ISO-8601 duration) and proof
 * suites. Schemas are compiled and digested once, at load. Immutable and thread-safe.
 */
public final class CredentialTypes {

    private static final String FOLDER = "/org/civitas/issuer/types/";

    private final String version;
    private final List<CredentialType> types;
    private final Map<String, ClaimsSchema> schemas;

    private CredentialTypes(String version, List<CredentialType> types, Map<String, ClaimsSchema> schemas) {
        this.version = version;
        this.types = List.copyOf(types);
        this.schemas = Map.copyOf(schemas);
    }

    /**
     * Loads the catalogue shipped with the service.
     *
     * @param hash            the ledger's hash, which schema digests are computed with
     * @param proofSuites     per type id, a proof policy replacing the catalogue's (deployment configuration)
     */
    public static CredentialTypes load(LedgerHash hash, Map<String, List<String>> proofSuites) {
        try {
            ObjectNode catalogue = IJson.parseObject("catalogue.json", resource("catalogue.json"));
            List<CredentialType> types = new ArrayList<>();
            Map<String, ClaimsSchema> schemas = new LinkedHashMap<>();
            for (JsonNode file : catalogue.withArray("types")) {
                CredentialType type = parse(file.asText(), IJson.parseObject(file.asText(), resource(file.asText())), hash);
                List<String> override = proofSuites.get(type.id());
                if (override != null && !override.isEmpty()) type = type.withProofSuites(override);
                for (String suite : type.proofSuites()) {
                    if (Cryptosuites.standard().find(suite).isEmpty()) {
                        throw new IllegalStateException(type.id() + ": unknown proof suite " + suite);
                    }
                }
                types.add(type);
                schemas.put(key(type.id(), type.version()), ClaimsSchema.of(type.id(), type.schema()));
            }
            types.sort(Comparator.comparing(CredentialType::domain).thenComparing(CredentialType::id)
                .thenComparing(CredentialType::version));
            return new CredentialTypes(catalogue.path("version").asText(), types, schemas);
        } catch (FormatException e) {
            throw new IllegalStateException("the credential type catalogue is malformed: " + e.getMessage(), e);
        }
    }

    private static CredentialType parse(String file, ObjectNode json, LedgerHash hash) {
        ObjectNode schema = (ObjectNode) json.get("schema");
        if (schema == null) throw new IllegalStateException(file + " has no schema");
        List<String> suites = new ArrayList<>();
        json.withArray("proofSuites").forEach(s -> suites.add(s.asText()));
        return new CredentialType(json.path("id").asText(), json.path("version").asText(),
            Domain.valueOf(json.path("domain").asText()), json.path("labels").path("en").asText(),
            json.path("labels").path("zh").asText(), schema, Digest.of(hash.digest(Jcs.canonicalize(schema))),
            Duration.parse(json.path("defaultValidity").asText()), suites, json.path("retired").asBoolean(false));
    }

    /** The catalogue's version, e.g. {@code 2026.1}. */
    public String version() { return version; }

    /** Every type version, by domain, id and version. */
    public List<CredentialType> all() { return types; }

    /**
     * A type version; an empty {@code version} means the current one (the highest version not retired, or the
     * highest of all when every version is retired).
     */
    public Optional<CredentialType> find(String typeId, String version) {
        if (version != null && !version.isEmpty()) {
            return types.stream().filter(t -> t.id().equals(typeId) && t.version().equals(version)).findFirst();
        }
        Comparator<CredentialType> byVersion = Comparator.comparing(CredentialType::version, CredentialTypes::compareVersions);
        Optional<CredentialType> current = types.stream().filter(t -> t.id().equals(typeId) && !t.retired()).max(byVersion);
        return current.isPresent() ? current : types.stream().filter(t -> t.id().equals(typeId)).max(byVersion);
    }

    /** The compiled claims schema of a type of this catalogue. */
    public ClaimsSchema schema(CredentialType type) {
        ClaimsSchema schema = schemas.get(key(type.id(), type.version()));
        if (schema == null) throw new IllegalArgumentException("not a type of this catalogue: " + type.id());
        return schema;
    }

    private static String key(String id, String version) { return id + "\u0000" + version; }

    /** Dotted numeric versions compare part by part (1.10 after 1.9). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(part(x, i), part(y, i));
            if (c != 0) return c;
        }
        return a.compareTo(b);
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length) return 0;
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String resource(String name) {
        try (InputStream in = CredentialTypes.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalStateException("missing catalogue resource " + FOLDER + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
