package org.civitas.sdk;

/** The outcome of one verification check. */
public enum Outcome {
    /** The check ran and held. */
    PASSED,
    /** The check ran and did not hold; the input is not accepted. */
    FAILED,
    /** The check does not apply to this input (e.g. no status entry to look up); it does not block acceptance. */
    SKIPPED
}
