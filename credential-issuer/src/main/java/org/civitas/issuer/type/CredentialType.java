package org.civitas.issuer.type;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.ledger.Digest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One version of a credential type of the catalogue: what its claims must look like, how it is named to people,
 * how long it is valid by default and which proofs it carries. Immutable (the schema is held as a private copy).
 *
 * @param id              e.g. {@code VaccinationCertificate}; also the credential's second {@code type} value
 * @param version         the type's version, e.g. {@code 1.0}
 * @param schema          JSON Schema 2020-12 of {@code credentialSubject}'s claims (without {@code id})
 * @param schemaDigest    the ledger hash of the schema's RFC 8785 form, as registered on the ledger
 * @param proofSuites     the cryptosuites of the proof set, in signing order
 */
public record CredentialType(String id, String version, Domain domain, String labelEn, String labelZh,
                             ObjectNode schema, Digest schemaDigest, Duration defaultValidity,
                             List<String> proofSuites, boolean retired) {

    public CredentialType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(labelEn, "labelEn");
        Objects.requireNonNull(labelZh, "labelZh");
        Objects.requireNonNull(schemaDigest, "schemaDigest");
        if (defaultValidity.isNegative() || defaultValidity.isZero()) {
            throw new IllegalArgumentException(id + ": the default validity must be positive");
        }
        if (proofSuites.isEmpty()) throw new IllegalArgumentException(id + ": a type needs at least one proof suite");
        schema = schema.deepCopy();
        proofSuites = List.copyOf(proofSuites);
    }

    /** A copy of the schema. */
    @Override
    public ObjectNode schema() { return schema.deepCopy(); }

    /** The same type with another proof policy (a deployment's per-type configuration). */
    public CredentialType withProofSuites(List<String> suites) {
        return new CredentialType(id, version, domain, labelEn, labelZh, schema, schemaDigest, defaultValidity, suites,
            retired);
    }
}
