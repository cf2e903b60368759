package org.civitas.identity.agency;

import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where accreditation requests live. Thread-safe. */
public interface AccreditationRequestStore {

    /** A page of requests and where the next one starts ({@code null} on the last page). */
    record Page(List<AccreditationRequest> requests, String nextAfter) { }

    /** A new request's id: unique, increasing with time. */
    String newId();

    void insert(AccreditationRequest request);

    Optional<AccreditationRequest> find(String id);

    /** Requests to a root (of one state, or every state when null), ordered by id, after the id given (or all). */
    Page list(Did provincialRoot, AccreditationRequestState state, String after, int limit);

    /**
     * Moves a pending request to its decision; false when it was no longer pending (decided concurrently).
     */
    boolean decide(String id, AccreditationRequestState decision, Instant at, String rejectionReason,
                   long grantEntryIndex, String grantHash);
}
