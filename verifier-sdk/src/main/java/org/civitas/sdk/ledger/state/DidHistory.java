package org.civitas.sdk.ledger.state;

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
 * return a new history. The ledger's state and an offline trust bundle both fold DID transactions into it, so
 * both resolve a DID as of a time the same way.
 */
public final class DidHistory {

    /**
     * One version: the document, the transaction that wrote it, its entry, and when it took effect. A version read
     * back from a snapshot keeps its document as JSON and parses it on first use, so a restart does not parse (and
     * decode the keys of) every DID document of the ledger. Thread-safe.
     */
    public static final class Version {
        private final Digest transactionHash;
        private final long entryIndex;
        private final Instant validFrom;
        private volatile DidDocument document;
        private final String json;

        public Version(DidDocument document, Digest transactionHash, long entryIndex, Instant validFrom) {
            this(Objects.requireNonNull(document, "document"), null, transactionHash, entryIndex, validFrom);
        }

        private Version(DidDocument document, String json, Digest transactionHash, long entryIndex, Instant validFrom) {
            this.document = document;
            this.json = json;
            this.transactionHash = Objects.requireNonNull(transactionHash, "transactionHash");
            this.entryIndex = entryIndex;
            this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
        }

        /** A version whose document is parsed from {@code json} when first asked for (a ledger snapshot). */
        public static Version lazy(String json, Digest transactionHash, long entryIndex, Instant validFrom) {
            return new Version(null, Objects.requireNonNull(json, "json"), transactionHash, entryIndex, validFrom);
        }

        public DidDocument document() {
            DidDocument parsed = document;
            if (parsed == null) {
                try {
                    parsed = DidDocument.parse(json);
                } catch (org.civitas.sdk.FormatException e) {
                    throw new IllegalStateException("a DID document kept by the ledger does not parse", e);
                }
                document = parsed;
            }
            return parsed;
        }

        /** The document's JSON as kept (for snapshots). */
        public String documentJson() {
            return json != null ? json : document.jsonText();
        }

        public Digest transactionHash() { return transactionHash; }

        public long entryIndex() { return entryIndex; }

        public Instant validFrom() { return validFrom; }
    }

    private final Did did;
    private final List<Version> versions;
    private final Map<String, Instant> compromisedSince;
    private final Version deactivation;

    private DidHistory(Did did, List<Version> versions, Map<String, Instant> compromisedSince, Version deactivation) {
        this.did = did;
        this.versions = Collections.unmodifiableList(new ArrayList<>(versions));
        this.compromisedSince = Collections.unmodifiableMap(new LinkedHashMap<>(compromisedSince));
        this.deactivation = deactivation;
    }

    /** The history of a DID just created. */
    public static DidHistory created(Version first) {
        return new DidHistory(first.document().id(), List.of(first), Map.of(), null);
    }

    /** A history as a snapshot recorded it. */
    public static DidHistory restored(Did did, List<Version> versions, Map<String, Instant> compromisedSince,
                               Version deactivation) {
        return new DidHistory(did, versions, compromisedSince, deactivation);
    }

    /** This history with one more version, and the keys the update reported compromised. */
    public DidHistory updated(Version next, Map<String, Instant> newlyCompromised) {
        List<Version> more = new ArrayList<>(versions);
        more.add(next);
        Map<String, Instant> compromised = new LinkedHashMap<>(compromisedSince);
        compromised.putAll(newlyCompromised);
        return new DidHistory(did, more, compromised, null);
    }

    /** Deactivated: the deactivation's version record keeps the last document for history. */
    public DidHistory deactivated(Version deactivationRecord) {
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
