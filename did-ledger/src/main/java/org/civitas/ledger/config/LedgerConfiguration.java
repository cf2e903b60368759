package org.civitas.ledger.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code civitas.ledger.*}: where this node keeps its data, who it is, and the genesis it starts from.
 *
 * @param mode            {@code embedded} (one node, the default) or {@code replicated} (a Raft group)
 * @param dataDir         the node's data directory (log segments, tree files; Raft storage when replicated)
 * @param nodeId          the node's id as named at genesis
 * @param nodeKeyFile     the node's Multikey document with its secret (tree-head signing key)
 * @param genesisFile     the signed genesis transaction (JSON), committed when the ledger is empty
 * @param peers           replicated mode: node id → {@code host:raftPort} for every node of the group, this one
 *                        included ({@code civitas.ledger.peers.node-1=10.0.0.1:7190}, …)
 * @param electionTimeout replicated mode: the shortest time without a leader before an election (default 300 ms)
 * @param snapshotInterval embedded mode: entries between two state snapshots, which bound what a restart replays
 *                        (default 50,000; 0 writes none)
 */
@ConfigurationProperties("civitas.ledger")
public record LedgerConfiguration(String mode, Path dataDir, String nodeId, Path nodeKeyFile, Path genesisFile,
                                  @Nullable Map<String, String> peers, @Nullable Duration electionTimeout,
                                  @Nullable Long snapshotInterval) {
}
