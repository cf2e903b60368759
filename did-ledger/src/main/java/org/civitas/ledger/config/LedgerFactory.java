package org.civitas.ledger.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.civitas.ledger.Ledger;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.LedgerService;
import org.civitas.ledger.node.EmbeddedLedger;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.ledger.replica.ReplicaConfig;
import org.civitas.ledger.replica.ReplicatedLedger;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.SignedTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens this node's ledger from its configuration, committing the genesis on first start. */
// only in a ledger node: other services load this jar for LocalLedger in their tests, without these beans
@Requires(property = "civitas.ledger.mode")
@Factory
public class LedgerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    Ledger ledger(LedgerConfiguration config, Clock clock) {
        SigningKey nodeKey = read(config.nodeKeyFile(), "node key", MultikeyDocument::signingKey);
        String mode = config.mode() == null ? "embedded" : config.mode();
        switch (mode) {
            case "embedded": return embedded(config, nodeKey, clock);
            case "replicated": return replicated(config, nodeKey, clock);
            default: throw new ConfigurationException("civitas.ledger.mode must be 'embedded' or 'replicated', not '"
                + mode + "'");
        }
    }

    private static Ledger embedded(LedgerConfiguration config, SigningKey nodeKey, Clock clock) {
        LedgerNode node = LedgerNode.open(config.dataDir(), config.nodeId(), nodeKey,
            config.snapshotInterval() == null ? LedgerNode.DEFAULT_SNAPSHOT_INTERVAL : config.snapshotInterval());
        EmbeddedLedger ledger = new EmbeddedLedger(node, clock);
        if (node.size() == 0) {
            SignedTransaction genesis = read(config.genesisFile(), "genesis", SignedTransaction::parseJson);
            new LedgerService(ledger).submit(genesis);
            LOG.info("Founded ledger {} from {}", node.state().ledgerId(), config.genesisFile());
        }
        LOG.info("Ledger node {} open: {} entries, ledger id {}", config.nodeId(), node.size(), node.state().ledgerId());
        return ledger;
    }

    /**
     * Starts this node's Raft server and returns at once: a leader is elected when a majority of the group runs.
     * An empty ledger's genesis is submitted in the background until it commits, by every node that starts empty
     * (the same transaction, so the ledger records it once).
     */
    private static Ledger replicated(LedgerConfiguration config, SigningKey nodeKey, Clock clock) {
        if (config.peers() == null || config.peers().isEmpty()) {
            throw new ConfigurationException("civitas.ledger.mode=replicated needs civitas.ledger.peers.<node id>="
                + "host:raftPort for every node of the group, this node (" + config.nodeId() + ") included");
        }
        ReplicaConfig replica;
        try {
            replica = ReplicaConfig.of(config.nodeId(), config.peers(), config.dataDir(), nodeKey);
            if (config.electionTimeout() != null) replica = replica.withElectionTimeout(config.electionTimeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("civitas.ledger: " + e.getMessage());
        }
        ReplicatedLedger ledger = ReplicatedLedger.start(replica, clock);
        if (ledger.node().size() == 0) {
            SignedTransaction genesis = read(config.genesisFile(), "genesis", SignedTransaction::parseJson);
            Thread founder = new Thread(() -> commitGenesis(ledger, genesis), "ledger-genesis");
            founder.setDaemon(true);
            founder.start();
        }
        LOG.info("Ledger node {} (replicated, group {}) open: {} entries", config.nodeId(), config.peers().keySet(),
            ledger.node().size());
        return ledger;
    }

    private static void commitGenesis(ReplicatedLedger ledger, SignedTransaction genesis) {
        LedgerService service = new LedgerService(ledger);
        while (ledger.node().size() == 0) {
            try {
                service.submit(genesis);
                LOG.info("Founded ledger {} (genesis committed)", ledger.node().state().ledgerId());
                return;
            } catch (LedgerException e) {
                if (e.ledgerReason() != LedgerException.Reason.UNAVAILABLE) {
                    LOG.error("The genesis was refused: {}", e.getMessage());
                    return;
                }
                LOG.info("Waiting for a quorum of ledger nodes to commit the genesis ({})", e.getMessage());
            } catch (RuntimeException e) {
                if (ledger.node().size() > 0) return;
                LOG.warn("Submitting the genesis failed, retrying: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Singleton
    LedgerService ledgerService(Ledger ledger) {
        return new LedgerService(ledger);
    }

    private interface Reader<T> {
        T read(String text) throws FormatException;
    }

    private static <T> T read(Path file, String what, Reader<T> reader) {
        if (file == null) throw new ConfigurationException("civitas.ledger: no " + what + " file configured");
        try {
            return reader.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the " + what + " file " + file + ": " + e.getMessage()
                + " (create the ledger's files with 'civitas ledger init')");
        } catch (FormatException e) {
            throw new ConfigurationException("the " + what + " file " + file + " is not valid: " + e.getMessage());
        }
    }
}
