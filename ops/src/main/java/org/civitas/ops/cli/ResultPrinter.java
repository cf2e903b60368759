package org.civitas.ops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.jcs.IJson;

import java.io.PrintStream;

/** Prints a {@link VerificationResult} as a table for people or as JSON for programs. */
final class ResultPrinter {

    /** Which language(s) the reasons are printed in. */
    enum Language { EN, ZH, BOTH }

    private ResultPrinter() { }

    static void table(VerificationResult result, Language language, PrintStream out) {
        int width = 0;
        for (Check check : result.checks()) width = Math.max(width, check.id().name().length());
        for (Check check : result.checks()) {
            String head = String.format("%-7s %-" + width + "s  ", check.outcome(), check.id());
            switch (language) {
                case EN -> out.println(head + check.reason().en());
                case ZH -> out.println(head + check.reason().zh());
                case BOTH -> {
                    out.println(head + check.reason().en());
                    out.println(" ".repeat(head.length()) + check.reason().zh());
                }
            }
        }
        int failed = result.failures().size();
        out.println(result.accepted()
            ? "Result: ACCEPTED (" + result.checks().size() + " checks) / 结果：通过"
            : "Result: NOT ACCEPTED (" + failed + " of " + result.checks().size() + " checks failed) / 结果：不通过");
    }

    static void json(VerificationResult result, PrintStream out) {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("accepted", result.accepted());
        ArrayNode checks = json.putArray("checks");
        for (Check check : result.checks()) {
            ObjectNode c = checks.addObject();
            c.put("id", check.id().name());
            c.put("outcome", check.outcome().name());
            c.putObject("reason").put("en", check.reason().en()).put("zh", check.reason().zh());
        }
        out.println(json.toPrettyString());
    }
}
