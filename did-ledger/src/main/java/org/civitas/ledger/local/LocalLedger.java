package org.civitas.ledger.local;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import org.civitas.ledger.LedgerService;
import org.civitas.ledger.config.LedgerInit;
import org.civitas.ledger.grpc.LedgerEndpoint;
import org.civitas.ledger.node.EmbeddedLedger;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.server.ErrorMappingInterceptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A single-node ledger served over gRPC on a free loopback port, in the calling JVM, for the other services'
 * tests and for tools: founded in a directory on first start (national root key, node key, genesis), then
 * reopened from it. The same ledger code and gRPC edge as the did-ledger service, without its Micronaut shell.
 */
public final class LocalLedger implements AutoCloseable {

    private final Path directory;
    private final EmbeddedLedger ledger;
    private final Server server;
    private final LedgerTrust trust;
    private final SigningKey nationalRootKey;

    private LocalLedger(Path directory, EmbeddedLedger ledger, Server server, LedgerTrust trust,
                        SigningKey nationalRootKey) {
        this.directory = directory;
        this.ledger = ledger;
        this.server = server;
        this.trust = trust;
        this.nationalRootKey = nationalRootKey;
    }

    /** Starts (founding it first if {@code directory} has no genesis) a ledger on a free loopback port. */
    public static LocalLedger start(Path directory) {
        try {
            if (!Files.exists(directory.resolve("genesis.json"))) {
                LedgerInit.create(directory, "civitas-local", 1, LedgerHash.SHA_256, KeyType.ED25519, Clock.systemUTC());
            }
            SignedTransaction genesis = SignedTransaction.parseJson(read(directory.resolve("genesis.json")));
            SigningKey nodeKey = MultikeyDocument.signingKey(read(directory.resolve("keys/node-1.json")));
            SigningKey rootKey = MultikeyDocument.signingKey(read(directory.resolve("keys/national-root.json")));
            LedgerNode node = LedgerNode.open(directory.resolve("node-1"), "node-1", nodeKey);
            EmbeddedLedger ledger = new EmbeddedLedger(node, Clock.systemUTC());
            LedgerService service = new LedgerService(ledger);
            if (node.size() == 0) service.submit(genesis);
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new LedgerEndpoint(service), new ErrorMappingInterceptor()))
                .build().start();
            return new LocalLedger(directory, ledger, server, LedgerTrust.fromGenesis(genesis), rootKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local ledger in " + directory, e);
        } catch (FormatException e) {
            throw new IllegalStateException("the ledger files in " + directory + " are not valid: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for a gRPC channel. */
    public String target() { return "127.0.0.1:" + server.getPort(); }

    public LedgerTrust trust() { return trust; }

    /** The signed genesis file, for services configured with {@code civitas.ledger.genesis-file}. */
    public Path genesisFile() { return directory.resolve("genesis.json"); }

    /** The national root's genesis key: it accredits provincial roots. For tests and demonstrations only. */
    public SigningKey nationalRootKey() { return nationalRootKey; }

    public Did nationalRoot() { return CivitasDid.of(nationalRootKey.verificationKey()); }

    @Override
    public void close() {
        server.shutdownNow();
        ledger.close();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
