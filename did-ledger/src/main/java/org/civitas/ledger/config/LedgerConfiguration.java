package org.civitas.ledger.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code civitas.ledger.*}: where this node keeps its data, who it is, and the genesis it starts from.
 *
 * @param mode        {@code embedded} (one node, the default) or {@code replicated}
 * @param dataDir     the node's data directory (log segments, tree files)
 * @param nodeId      the node's id as named at genesis
 * @param nodeKeyFile the node's Multikey document with its secret (tree-head signing key)
 * @param genesisFile the signed genesis transaction (JSON), committed when the ledger is empty
 */
@ConfigurationProperties("civitas.ledger")
public record LedgerConfiguration(String mode, Path dataDir, String nodeId, Path nodeKeyFile, Path genesisFile) {
}
