package org.civitas.sample.wallet.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A credential the wallet holds: the signed VC exactly as issued, and what the list and detail screens show.
 *
 * @param validUntil null when the credential does not expire
 */
public record HeldCredential(String id, String type, String issuer, Instant validUntil, ObjectNode json) {

    public HeldCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuer, "issuer");
        json = json.deepCopy();
    }

    @Override public ObjectNode json() { return json.deepCopy(); }

    /** The type's name for people, in Chinese for a Chinese locale and in English otherwise. */
    public String label(Locale locale) { return CredentialLabels.of(type, locale); }

    /** The subject's claims (the holder DID left out), for the detail screen. */
    public ObjectNode claims() {
        ObjectNode claims = json.path("credentialSubject").isObject()
            ? ((ObjectNode) json.get("credentialSubject")).deepCopy() : json.objectNode();
        claims.remove("id");
        return claims;
    }
}
