package org.civitas.ops.cli;

import org.civitas.ledger.config.LedgerInit;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.LedgerHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** Ledger administration. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Ledger administration.",
    subcommands = LedgerCommand.Init.class)
final class LedgerCommand {

    /** Founds a new ledger: keys and the signed genesis. */
    @Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new ledger's national root key, node keys and signed genesis.")
    static final class Init implements Callable<Integer> {

        @Option(names = "--dir", defaultValue = "var/ledger", description = "Where to write (default: ${DEFAULT-VALUE}).")
        Path directory;

        @Option(names = "--name", defaultValue = "civitas", description = "The ledger's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--nodes", defaultValue = "1", description = "Number of ledger nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--hash", defaultValue = "SHA-256",
            description = "Merkle tree hash, SHA-256 or SM3 (default: ${DEFAULT-VALUE}).")
        String hash;

        @Option(names = "--node-key-type", defaultValue = "ED25519",
            description = "Tree-head key type of the nodes, ED25519 or SM2 (default: ${DEFAULT-VALUE}).")
        KeyType nodeKeyType;

        @Override
        public Integer call() throws Exception {
            LedgerHash ledgerHash = LedgerHash.byAlgorithm(hash);
            if (ledgerHash == null) {
                System.err.println("--hash must be SHA-256 or SM3");
                return 2;
            }
            if (nodeKeyType == KeyType.P256) {
                System.err.println("--node-key-type must be ED25519 or SM2");
                return 2;
            }
            LedgerInit.Founded founded = LedgerInit.create(directory, name, nodes, ledgerHash, nodeKeyType,
                Clock.systemUTC());
            System.out.println("Founded ledger '" + name + "' (" + nodes + " node" + (nodes == 1 ? "" : "s")
                + ", quorum " + (nodes / 2 + 1) + ", " + ledgerHash.algorithm() + ")");
            System.out.println("  genesis             " + founded.genesisFile());
            System.out.println("  national root       " + founded.nationalRootDid());
            System.out.println("  national root key   " + founded.nationalRootKeyFile() + "   (keep it offline)");
            for (Path key : founded.nodeKeyFiles()) System.out.println("  node key            " + key);
            return 0;
        }
    }
}
