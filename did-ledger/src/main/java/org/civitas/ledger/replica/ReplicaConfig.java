package org.civitas.ledger.replica;

import org.civitas.sdk.key.SigningKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One replicated ledger node's configuration: its id, every node of the group with its Raft address (this node
 * included), its data directory and its tree-head key. The group's nodes are the nodes the genesis names, with
 * the same ids; the genesis also fixes their tree-head keys and the quorum. Immutable; {@code toString} shows the
 * key's public half only.
 *
 * @param nodeId           this node's id, as named at genesis
 * @param peers            node id → {@code host:raftPort}, for every node of the group
 * @param dataDirectory    the ledger files, as in the embedded mode ({@code log/}, {@code tree/}), with Ratis'
 *                         storage under {@code raft/} and the applied Raft index under {@code replica/}
 * @param nodeKey          the key this node signs tree heads with
 * @param electionTimeout  the shortest time without a leader before a follower stands for election (Ratis
 *                         waits a random time between this and twice this)
 * @param submitTimeout    how long a submission waits for a leader and a quorum before it fails UNAVAILABLE
 * @param snapshotInterval Raft entries between snapshots; the Raft log is purged up to each snapshot
 */
public record ReplicaConfig(String nodeId, Map<String, String> peers, Path dataDirectory, SigningKey nodeKey,
                            Duration electionTimeout, Duration submitTimeout, long snapshotInterval) {

    private static final Pattern ADDRESS = Pattern.compile("[^:\\s]+:\\d{1,5}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The defaults: elections after 300-600 ms without a leader, submissions give up after 10 s. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(300);
    public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 10_000;

    public ReplicaConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(nodeKey, "nodeKey");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(submitTimeout, "submitTimeout");
        peers = Collections.unmodifiableMap(new TreeMap<>(peers));
        if (!peers.containsKey(nodeId)) {
            throw new IllegalArgumentException("the peers " + peers.keySet() + " must include this node '" + nodeId + "'");
        }
        peers.forEach((id, address) -> {
            if (!ID.matcher(id).matches()) throw new IllegalArgumentException("not a node id: '" + id + "'");
            if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("node '" + id + "' needs a host:port address, not '" + address + "'");
            }
        });
        if (electionTimeout.isNegative() || electionTimeout.isZero() || submitTimeout.isNegative()
                || submitTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (snapshotInterval < 1) throw new IllegalArgumentException("snapshotInterval must be at least 1");
    }

    /** A node with the default timings. */
    public static ReplicaConfig of(String nodeId, Map<String, String> peers, Path dataDirectory, SigningKey nodeKey) {
        return new ReplicaConfig(nodeId, peers, dataDirectory, nodeKey, DEFAULT_ELECTION_TIMEOUT,
            DEFAULT_SUBMIT_TIMEOUT, DEFAULT_SNAPSHOT_INTERVAL);
    }

    public ReplicaConfig withElectionTimeout(Duration timeout) {
        return new ReplicaConfig(nodeId, peers, dataDirectory, nodeKey, timeout, submitTimeout, snapshotInterval);
    }

    public ReplicaConfig withSubmitTimeout(Duration timeout) {
        return new ReplicaConfig(nodeId, peers, dataDirectory, nodeKey, electionTimeout, timeout, snapshotInterval);
    }

    public ReplicaConfig withSnapshotInterval(long raftEntries) {
        return new ReplicaConfig(nodeId, peers, dataDirectory, nodeKey, electionTimeout, submitTimeout, raftEntries);
    }

    /** The host of this node's Raft address. */
    String host() { return peers.get(nodeId).substring(0, peers.get(nodeId).lastIndexOf(':')); }

    /** The port of this node's Raft address. */
    int port() { return Integer.parseInt(peers.get(nodeId).substring(peers.get(nodeId).lastIndexOf(':') + 1)); }
}
