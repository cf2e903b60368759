package org.civitas.ledger.local;

import org.civitas.ledger.fixtures.Actor;
import org.civitas.sdk.key.KeyType;
import org.civitas.server.ledger.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalLedgerTest {

    @TempDir Path dir;

    @Test
    void localLedger_servesOverGrpcAndKeepsItsDataAcrossRestarts() {
        Actor agency = Actor.generate(KeyType.ED25519);
        long size;
        try (LocalLedger ledger = LocalLedger.start(dir);
             LedgerClient client = LedgerClient.connect(ledger.target(), ledger.trust())) {
            client.submit(agency.create());
            size = client.latestHead().head().treeSize();
            assertEquals(agency.did(), client.resolve(agency.did(), null).document().id());
        }
        try (LocalLedger again = LocalLedger.start(dir);
             LedgerClient client = LedgerClient.connect(again.target(), again.trust())) {
            assertEquals(size, client.latestHead().head().treeSize());
            assertTrue(client.resolve(agency.did(), null).proof().check(again.trust()).proven());
        }
    }
}
