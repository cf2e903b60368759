package org.civitas.sdk.trust;

import org.civitas.sdk.status.StatusListCredential;

import java.time.Instant;
import java.util.Objects;

/**
 * A status list whose issuer proof and ledger anchor were checked when the trust data was loaded, so a verifier
 * looks bits up without verifying signatures again.
 *
 * @param list       the parsed, signed status list credential
 * @param version    the anchored version (1, 2, …)
 * @param anchoredAt when the ledger committed the anchor of this version
 */
public record VerifiedStatusList(StatusListCredential list, long version, Instant anchoredAt) {

    public VerifiedStatusList {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        if (version < 1) throw new IllegalArgumentException("anchored versions start at 1");
    }
}
