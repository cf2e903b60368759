package org.civitas.sdk.status;

/**
 * Constants of W3C Bitstring Status List v1.0 (Recommendation, 15 May 2025). Section numbers refer to that
 * document; status purposes are the {@link StatusPurpose} enum.
 */
public final class BitstringStatusList {

    /**
     * 131,072: the minimum size of the uncompressed bitstring in bits, 16 KB (§2.2 {@code encodedList}: "MUST be at
     * least 16KB in size"). This is what gives holders herd privacy: a verifier learns only that a credential is one
     * of at least this many.
     */
    public static final int MIN_LENGTH_BITS = 131_072;

    /**
     * 131,072: the minimum number of entries a list must hold, whatever its {@code statusSize} (§3.2 Validate
     * Algorithm, step 2 {@code minimumNumberOfEntries}; fewer is a {@code STATUS_LIST_LENGTH_ERROR}, step 9).
     */
    public static final int MIN_ENTRIES = 131_072;

    /** {@code statusSize} when an entry does not state it (§2.1 {@code statusSize}: "MUST be processed as 1"). */
    public static final int DEFAULT_STATUS_SIZE = 1;

    /**
     * 8: the largest {@code statusSize} this SDK supports. The spec sets no upper bound, but lets conforming
     * processors support only size 1 (§1.3 Conformance); 8 bits (256 messages) covers every use we know of and keeps
     * an entry inside two bytes.
     */
    public static final int MAX_STATUS_SIZE = 8;

    /** The {@code credentialStatus} type of an entry (§2.1: "The type property MUST be BitstringStatusListEntry"). */
    public static final String ENTRY_TYPE = "BitstringStatusListEntry";

    /** The type a status list credential must include (§2.2 {@code type}). */
    public static final String CREDENTIAL_TYPE = "BitstringStatusListCredential";

    /** The type of a status list credential's subject, the list itself (§2.2 {@code credentialSubject.type}). */
    public static final String LIST_TYPE = "BitstringStatusList";

    /** The fragment that by convention names the list in its credential, {@code <list url>#list} (§2.2 Example 3). */
    public static final String LIST_FRAGMENT = "#list";

    /** The message of status value 1 when an entry has no {@code statusMessage} (§2.1 {@code statusMessage}). */
    public static final String SET_MESSAGE = "set";

    /** The message of status value 0 when an entry has no {@code statusMessage} (§2.1 {@code statusMessage}). */
    public static final String UNSET_MESSAGE = "unset";

    /** The prefix of a {@code statusMessage} element's hexadecimal {@code status} (§2.1 {@code statusMessage}). */
    public static final String STATUS_HEX_PREFIX = "0x";

    private BitstringStatusList() { }
}
