package org.civitas.sdk;

import java.util.List;

/**
 * Every check a verification made, in order. The input is accepted only when at least one check ran and none
 * failed. Immutable.
 *
 * @param checks the checks, in the order they were made
 */
public record VerificationResult(List<Check> checks) {

    public VerificationResult {
        checks = List.copyOf(checks);
    }

    /** True when at least one check passed and none failed. */
    public boolean accepted() {
        return checks.stream().anyMatch(c -> c.outcome() == Outcome.PASSED)
            && checks.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
    }

    /** The failed checks, in order. */
    public List<Check> failures() {
        return List.copyOf(checks.stream().filter(c -> c.outcome() == Outcome.FAILED)
            .collect(java.util.stream.Collectors.toList()));
    }
}
