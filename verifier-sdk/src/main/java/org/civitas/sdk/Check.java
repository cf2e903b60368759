package org.civitas.sdk;

import java.util.Objects;

/**
 * One check of a verification: what was examined, how it came out, and why.
 *
 * @param id      what was examined
 * @param outcome how it came out
 * @param reason  why, for a person
 */
public record Check(CheckId id, Outcome outcome, Reason reason) {

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public static Check passed(CheckId id, Reason reason) { return new Check(id, Outcome.PASSED, reason); }

    public static Check failed(CheckId id, Reason reason) { return new Check(id, Outcome.FAILED, reason); }

    public static Check skipped(CheckId id, Reason reason) { return new Check(id, Outcome.SKIPPED, reason); }
}
