package org.civitas.ops.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a demo run went: each step with its outcome and time, and what the counter said at the end.
 *
 * @param steps        every step in order; those after a failure are {@link Outcome#SKIPPED}
 * @param finalVerdict the counter's verdict on the revoked certificate, as it told the clerk; empty when the run did
 *                     not get that far
 * @param endedRevoked whether that verdict was "revoked"
 */
public record DemoSummary(List<Step> steps, String finalVerdict, boolean endedRevoked) {

    /** How a step came out. */
    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** One row of the summary table. */
    public record Step(String name, Outcome outcome, String result, Duration time) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(time, "time");
        }
    }

    public DemoSummary {
        steps = List.copyOf(steps);
        Objects.requireNonNull(finalVerdict, "finalVerdict");
    }

    /** True when every step passed and the counter refused the revoked certificate as revoked. */
    public boolean passed() {
        return !steps.isEmpty() && steps.stream().allMatch(s -> s.outcome() == Outcome.PASSED) && endedRevoked;
    }

    /** The table: step, result, time; then the total. */
    public void print(PrintStream out) {
        int nameWidth = Math.max(4, steps.stream().mapToInt(s -> s.name().length()).max().orElse(4));
        String format = "%-3s %-" + nameWidth + "s  %-7s %8s  %s%n";
        out.printf(Locale.ROOT, format, "#", "step", "outcome", "time", "result");
        Duration total = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            total = total.plus(s.time());
            out.printf(Locale.ROOT, format, i + 1, s.name(), s.outcome(), seconds(s.time()), s.result());
        }
        out.printf(Locale.ROOT, "%-3s %-" + nameWidth + "s  %-7s %8s%n", "", "total", passed() ? "PASSED" : "FAILED",
            seconds(total));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
