package org.civitas.ops.cli;

import org.civitas.ops.counter.CounterStore;
import org.civitas.ops.qr.QrImages;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.policy.CounterPolicies;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * The counter's verification: a presentation (QR text, a PNG of the QR, or JSON) checked against a counter policy
 * with the trust bundle the counter holds, with no network at all. Exit 0 only when accepted.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a presentation at a counter, offline, with the trust bundle held (see 'civitas counter "
        + "refresh'). INPUT is CIV1: QR text, a PNG image of the QR, or a JSON file. Exit 0 only when accepted, 1 "
        + "when not, 2 for unusable input, 3 when the trust data is missing or refused.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", description = "CIV1:… QR text, a .png file, or a .json file.")
    String input;

    @Mixin
    CounterCommand.Directory directory = new CounterCommand.Directory();

    @Option(names = "--policy", defaultValue = "court",
        description = "The counter policy: hospital, school, housing-office, court or bank (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--challenge", description = "The challenge this counter showed (interactive presentations).")
    String challenge;

    @Option(names = "--domain", description = "This counter's domain, shown with the challenge.")
    String domain;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--lang", defaultValue = "BOTH", description = "Reasons in EN, ZH or BOTH (default: ${DEFAULT-VALUE}).")
    ResultPrinter.Language language;

    @Override
    public Integer call() {
        VerifierPolicy chosen;
        try {
            chosen = CounterPolicies.named(policy);
        } catch (IllegalArgumentException e) {
            System.err.println("--policy: " + e.getMessage());
            return VcCommand.USAGE;
        }
        if ((challenge == null) != (domain == null)) {
            System.err.println("--challenge and --domain go together: both come from the challenge this counter showed");
            return VcCommand.USAGE;
        }
        if (challenge != null) chosen = chosen.expecting(challenge, domain);
        String text;
        try {
            text = readInput(input);
        } catch (IOException e) {
            System.err.println("Cannot read " + input + ": " + e.getMessage());
            return VcCommand.USAGE;
        }
        Clock clock = Clock.systemUTC();
        TrustBundle bundle;
        try {
            bundle = CounterStore.open(directory.path).load(clock.instant());
        } catch (CounterStore.CounterException e) {
            System.err.println(e.getMessage());
            return CounterCommand.TRUST;
        } catch (TrustBundleException e) {
            System.err.println("The trust data held is refused (" + e.code() + "): " + e.reason().en()
                + "\n信任数据被拒绝：" + e.reason().zh());
            return CounterCommand.TRUST;
        }
        VerificationResult result = Verifier.builder().trust(bundle).clock(clock).build().verify(text, chosen, clock);
        if (json) {
            ResultPrinter.json(result, System.out);
        } else {
            System.out.println(CounterCommand.describe(bundle) + "; policy " + chosen.name());
            ResultPrinter.table(result, language, System.out);
        }
        return result.accepted() ? 0 : 1;
    }

    /** QR text as given, or read from a PNG (decoded) or a text file. */
    static String readInput(String input) throws IOException {
        if (input.startsWith("CIV1")) return input;
        Path file = Path.of(input);
        if (input.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) return QrImages.readPng(file);
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
