package org.civitas.ledger.state;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.ledger.Digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every version of one DID's document, in ledger order, with the keys cut off since a compromise and the
 * deactivation time. Versions are never removed, so resolution as of any past time works. Immutable: updates
 * return a new history.
 */
public final class DidHistory {

    /** One version: the document, the transaction that wrote it, its entry, and when it took effect. */
    public record Version(DidDocument document, Digest transactionHash, long entryIndex, Instant validFrom) {
        public Version {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(transactionHash, "transactionHash");
            Objects.requireNonNull(validFrom, "validFrom");
        }
    }

    private final Did did;
    private final List<Version> versions;
    private final Map<String, Instant> compromisedSince;
    private final Version deactivation;

    DidHistory(Did did, List<Version> versions, Map<String, Instant> compromisedSince, Version deactivation) {
        this.did = did;
        this.versions = Collections.unmodifiableList(new ArrayList<>(versions));
        this.compromisedSince = Collections.unmodifiableMap(new LinkedHashMap<>(compromisedSince));
        this.deactivation = deactivation;
    }

    static DidHistory created(Version first) {
        return new DidHistory(first.document().id(), List.of(first), Map.of(), null);
    }

    DidHistory updated(Version next, Map<String, Instant> newlyCompromised) {
        List<Version> more = new ArrayList<>(versions);
        more.add(next);
        Map<String, Instant> compromised = new LinkedHashMap<>(compromisedSince);
        compromised.putAll(newlyCompromised);
        return new DidHistory(did, more, compromised, null);
    }

    /** Deactivated: the deactivation's version record keeps the last document for history. */
    DidHistory deactivated(Version deactivationRecord) {
        return new DidHistory(did, versions, compromisedSince, deactivationRecord);
    }

    public Did did() { return did; }

    public List<Version> versions() { return versions; }

    public Version current() { return versions.get(versions.size() - 1); }

    /** The transaction hash that the next update or deactivation must name as {@code previous}. */
    public Digest head() { return deactivation != null ? deactivation.transactionHash() : current().transactionHash(); }

    public boolean isDeactivated() { return deactivation != null; }

    /** The deactivation record, or {@code null}. */
    public Version deactivation() { return deactivation; }

    /** Verification method id → time from which its signatures no longer count. */
    public Map<String, Instant> compromisedSince() { return compromisedSince; }

    /** The version in effect at {@code time}, or {@code null} before the DID existed. */
    public Version versionAt(Instant time) {
        Version found = null;
        for (Version v : versions) {
            if (v.validFrom().isAfter(time)) break;
            found = v;
        }
        return found;
    }

    /** When the version after {@code version} took effect (or the deactivation), or {@code null}. */
    public Instant nextChangeAfter(Version version) {
        int i = versions.indexOf(version);
        if (i >= 0 && i + 1 < versions.size()) return versions.get(i + 1).validFrom();
        return deactivation == null ? null : deactivation.validFrom();
    }

    /** Whether a key counts at {@code time}: it is not cut off by a compromise at or before then. */
    public boolean keyValidAt(String verificationMethod, Instant time) {
        Instant since = compromisedSince.get(verificationMethod);
        return since == null || time.isBefore(since);
    }
}
