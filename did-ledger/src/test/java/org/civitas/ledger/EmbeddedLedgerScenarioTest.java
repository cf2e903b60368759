package org.civitas.ledger;

import org.civitas.ledger.fixtures.EmbeddedCluster;
import org.civitas.ledger.fixtures.LedgerCluster;

import java.nio.file.Path;

/** The shared scenario against the single-node mode. */
class EmbeddedLedgerScenarioTest extends LedgerScenarioTest {

    @Override
    LedgerCluster start(Path directory) {
        return EmbeddedCluster.start(directory);
    }
}
