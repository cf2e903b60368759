package org.civitas.ledger.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.civitas.ledger.Ledger;
import org.civitas.ledger.LedgerService;
import org.civitas.ledger.node.EmbeddedLedger;
import org.civitas.ledger.node.LedgerNode;
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
        if (config.mode() != null && !"embedded".equals(config.mode())) {
            throw new ConfigurationException("civitas.ledger.mode '" + config.mode() + "' is not supported by this "
                + "build's launcher; use 'embedded'");
        }
        SigningKey nodeKey = read(config.nodeKeyFile(), "node key", MultikeyDocument::signingKey);
        LedgerNode node = LedgerNode.open(config.dataDir(), config.nodeId(), nodeKey);
        EmbeddedLedger ledger = new EmbeddedLedger(node, clock);
        if (node.size() == 0) {
            SignedTransaction genesis = read(config.genesisFile(), "genesis", SignedTransaction::parseJson);
            LedgerService service = new LedgerService(ledger);
            service.submit(genesis);
            LOG.info("Founded ledger {} from {}", node.state().ledgerId(), config.genesisFile());
        }
        LOG.info("Ledger node {} open: {} entries, ledger id {}", config.nodeId(), node.size(), node.state().ledgerId());
        return ledger;
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
