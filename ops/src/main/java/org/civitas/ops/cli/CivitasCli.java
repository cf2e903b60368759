package org.civitas.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code civitas} command line. {@code ops/bin/civitas} runs the lifecycle commands (up, down) itself and
 * hands everything else to this class.
 */
@Command(name = "civitas",
    mixinStandardHelpOptions = true,
    versionProvider = CivitasCli.Version.class,
    description = "Civitas: citizen digital identity and e-certificates.",
    subcommands = {VcCommand.class, StatusCommand.class, EmbeddedMongoCommand.class, LedgerCommand.class,
        DemoCommand.class, BundleCommand.class, CounterCommand.class, VerifyCommand.class})
public final class CivitasCli {

    private CivitasCli() { }

    public static void main(String[] args) {
        // The services' logback.xml comes along with the ledger classes; the command line logs only warnings, to
        // stderr, so that its own output stays readable. Set before the first logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "civitas-cli-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for the launcher and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new CivitasCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CivitasCli.class.getPackage().getImplementationVersion();
            return new String[] {"civitas " + (version == null ? "(development build)" : version)};
        }
    }
}
