package org.civitas.ops.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB of the default deployment: the {@code mongo-java-server} wire-protocol server over its H2 file
 * backend, so data survives restarts. Services reach it through the official driver by connection string, as
 * they reach a real MongoDB in production. Closing it commits and closes the file; an abrupt kill can lose the
 * last second of writes (the H2 store commits every second), which is why production uses a real MongoDB
 * replica set.
 */
public final class FileBackedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private FileBackedMongo(H2Backend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /** Opens (or creates) the data file and listens on 127.0.0.1 at the port (0 for any free port). */
    public static FileBackedMongo start(Path file, int port) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        return new FileBackedMongo(backend, server, server.getLocalAddress());
    }

    public int port() { return address.getPort(); }

    public String uri() { return "mongodb://127.0.0.1:" + port(); }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
