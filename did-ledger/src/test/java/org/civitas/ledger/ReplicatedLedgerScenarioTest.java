package org.civitas.ledger;

import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.fixtures.ReplicatedCluster;

import java.nio.file.Path;

/** The shared scenario against three replicated nodes on loopback, writing through the leader. */
class ReplicatedLedgerScenarioTest extends LedgerScenarioTest {

    @Override
    LedgerCluster start(Path directory) {
        return ReplicatedCluster.start(directory, 3);
    }
}
