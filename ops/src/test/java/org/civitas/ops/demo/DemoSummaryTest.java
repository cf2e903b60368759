package org.civitas.ops.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSummaryTest {

    private static DemoSummary.Step step(String name, DemoSummary.Outcome outcome) {
        return new DemoSummary.Step(name, outcome, "result of " + name, Duration.ofMillis(1500));
    }

    @Test
    void passed_everyStepPassedAndTheCounterSaidRevoked_isTrue() {
        assertTrue(new DemoSummary(List.of(step("a", DemoSummary.Outcome.PASSED)), "NOT ACCEPTED", true).passed());
    }

    @Test
    void passed_aStepSkippedOrTheCounterNotSayingRevoked_isFalse() {
        assertFalse(new DemoSummary(List.of(step("a", DemoSummary.Outcome.PASSED),
            step("b", DemoSummary.Outcome.SKIPPED)), "", false).passed());
        assertFalse(new DemoSummary(List.of(step("a", DemoSummary.Outcome.PASSED)), "ACCEPTED", false).passed());
        assertFalse(new DemoSummary(List.of(), "", true).passed());
    }

    @Test
    void print_listsEachStepWithOutcomeTimeAndResult_thenTheTotal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemoSummary(List.of(step("Provincial root", DemoSummary.Outcome.PASSED),
            step("Agencies", DemoSummary.Outcome.FAILED)), "", false)
            .print(new PrintStream(out, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("1   Provincial root  PASSED     1.5 s  result of Provincial root"), table);
        assertTrue(table.contains("2   Agencies         FAILED     1.5 s  result of Agencies"), table);
        assertTrue(table.contains("total            FAILED     3.0 s"), table);
    }
}
