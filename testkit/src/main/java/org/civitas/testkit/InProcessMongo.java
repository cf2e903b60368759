package org.civitas.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * The embedded MongoDB wire-protocol server ({@code mongo-java-server}, in-memory backend) on a free loopback
 * port. The services reach it through the official driver exactly as they reach a real MongoDB.
 */
public final class InProcessMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private InProcessMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        address = server.getLocalAddress();
    }

    public static InProcessMongo start() {
        return new InProcessMongo();
    }

    /** The connection string for {@code mongodb.uri}. */
    public String uri() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
