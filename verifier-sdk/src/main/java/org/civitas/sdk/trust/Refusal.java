package org.civitas.sdk.trust;

/**
 * Why a trust bundle or delta was refused (docs/trust-bundle.md, "Refusal codes"). Each code tells the verifier
 * what to do next: fetch again, fetch a full bundle, or alert whoever runs the counter.
 */
public enum Refusal {
    /** Not a trust bundle file of a known format, or a part of it does not parse. */
    MALFORMED,
    /** The file ends before its declared length: an interrupted download. Fetch it again. */
    TRUNCATED,
    /** The publisher's signature or the ledger head's quorum signatures do not verify. */
    FORGED,
    /** The head belongs to another ledger than the one this verifier trusts. */
    WRONG_LEDGER,
    /** An older bundle version, or a smaller ledger tree, than one already accepted. */
    ROLLED_BACK,
    /** The ledger head is older than the maximum bundle age: fetch a fresh bundle. */
    STALE,
    /** A ledger entry is not in the signed ledger tree (its inclusion proof fails): it was altered or invented. */
    NOT_PROVEN,
    /** A status list does not match the digest of its latest ledger anchor, or its issuer's proof fails. */
    STATUS_LIST_MISMATCH,
    /** A schema does not match any digest registered on the ledger. */
    SCHEMA_MISMATCH,
    /** The bundle allows a JSON-LD context this SDK does not ship, or ships with another digest. */
    UNKNOWN_CONTEXT,
    /** A delta does not start at the version this bundle holds: fetch the delta since that version, or a full bundle. */
    DELTA_MISMATCH,
    /** A delta's consistency proof fails: the new ledger head does not extend the old one. */
    INCONSISTENT
}
