package org.civitas.ledger.config;

import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a new ledger's founding files: the national root's key, one tree-head key per node, and the signed
 * genesis naming them. For a development or demonstration deployment; a production genesis is made the same way
 * on an offline machine, and each node key then moves to its node. Key files are readable by their owner only.
 *
 * <pre>
 * dir/genesis.json               the signed genesis transaction
 * dir/keys/national-root.json    the national root's genesis key (Multikey with secret)
 * dir/keys/node-N.json           node N's tree-head key (Multikey with secret)
 * </pre>
 */
public final class LedgerInit {

    /** What was created. */
    public record Founded(Path genesisFile, Path nationalRootKeyFile, List<Path> nodeKeyFiles, String nationalRootDid) { }

    private LedgerInit() { }

    /** Creates the files for a ledger of {@code nodes} nodes (quorum: a majority). Refuses to overwrite. */
    public static Founded create(Path directory, String ledgerName, int nodes, LedgerHash hash, KeyType nodeKeyType,
                                 Clock clock) throws IOException {
        if (nodes < 1) throw new IllegalArgumentException("a ledger has at least one node");
        Path genesisFile = directory.resolve("genesis.json");
        if (Files.exists(genesisFile)) {
            throw new IOException(genesisFile + " exists already: this ledger was founded; keep its files");
        }
        Path keys = Files.createDirectories(directory.resolve("keys"));
        NewKey rootKey = SigningKey.generate(KeyType.ED25519);
        var rootDocument = CivitasDid.initialDocument(rootKey.signingKey().verificationKey());
        String rootDid = rootDocument.id().toString();
        Path rootFile = keys.resolve("national-root.json");
        writeSecret(rootFile, MultikeyDocument.withSecret(rootKey, rootDid + "#key-0", rootDid).toPrettyString());
        List<Transaction.Node> named = new ArrayList<>();
        List<Path> nodeFiles = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            NewKey nodeKey = SigningKey.generate(nodeKeyType);
            String id = "node-" + i;
            named.add(new Transaction.Node(id, nodeKey.signingKey().verificationKey()));
            Path file = keys.resolve(id + ".json");
            writeSecret(file, MultikeyDocument.withSecret(nodeKey, id, null).toPrettyString());
            nodeFiles.add(file);
        }
        Transaction.Genesis genesis = new Transaction.Genesis(ledgerName, hash, named, nodes / 2 + 1, rootDocument,
            clock.instant(), UUID.randomUUID().toString());
        SignedTransaction signed = SignedTransaction.sign(genesis, Map.of(rootDid + "#key-0", rootKey.signingKey()));
        Files.writeString(genesisFile, signed.toJson().toPrettyString(), StandardCharsets.UTF_8);
        return new Founded(genesisFile, rootFile, nodeFiles, rootDid);
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system decides; nothing more to do here
        }
    }
}
