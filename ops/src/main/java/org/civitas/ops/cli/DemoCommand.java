package org.civitas.ops.cli;

import org.civitas.ops.demo.DemoFlow;
import org.civitas.ops.demo.DemoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * The end-to-end demo against a running system ({@code ops/bin/civitas demo} starts it first): onboard agencies,
 * enrol a citizen, issue a certificate of each domain, present one by QR, verify it at the counter, revoke it,
 * verify again. Exit code 0 only when every step passed and the counter ended by refusing the revoked certificate.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the end-to-end flow against the running system (agencies, a citizen, certificates, a QR "
        + "presentation, verification, revocation). Every run adds new parties, so it can run again.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StatusCommand status;

    @Option(names = "--var", defaultValue = "${env:CIVITAS_VAR:-var}",
        description = "The deployment's data directory: ledger genesis and national root key are read from it, "
            + "QR codes written under its demo/ (default: ${DEFAULT-VALUE}).")
    Path var;

    @Option(names = "--issuer-key-import-dir", defaultValue = "${env:CIVITAS_ISSUER_KEY_IMPORT_DIR:-}",
        description = "credential-issuer's key import directory (default: <var>/issuer/import).")
    String keyImportDir;

    @Override
    public Integer call() {
        status.quiet = true;
        // a busy machine can miss one 2-second health check; the services were healthy when the launcher looked
        if ("0s".equals(status.wait)) status.wait = "60s";
        if (status.call() != 0) {
            System.out.println("The system is not healthy; start it with 'ops/bin/civitas up' (or see "
                + "'ops/bin/civitas status').");
            return 1;
        }
        DemoFlow.Settings settings = DemoFlow.Settings.under(var, status.ledger, status.identity, status.issuer,
            keyImportDir == null || keyImportDir.isEmpty() ? null : Path.of(keyImportDir));
        System.out.println("Civitas end-to-end demo, against ledger " + status.ledger + ", identity-service "
            + status.identity + ", credential-issuer " + status.issuer);
        DemoSummary summary = DemoFlow.run(settings, System.out, Clock.systemUTC());
        System.out.println();
        summary.print(System.out);
        return summary.passed() ? 0 : 1;
    }
}
