package org.civitas.sdk.schema;

import org.civitas.sdk.Reason;

import java.util.Objects;

/**
 * One way a JSON value breaks a {@link JsonSchema}: where, and what the schema expects there. The reason is
 * written from the schema alone and never quotes the value, since claims are personal data.
 *
 * @param path   where in the value, e.g. {@code courses[0].credits}; empty for the value itself. A missing or
 *               unexpected property is named in full ({@code programme} for a missing required claim)
 * @param reason what the schema expects, in English and Chinese, e.g. "must be a valid date (YYYY-MM-DD)"
 */
public record SchemaViolation(String path, Reason reason) {

    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override public String toString() { return (path.isEmpty() ? "(value)" : path) + " " + reason.en(); }
}
