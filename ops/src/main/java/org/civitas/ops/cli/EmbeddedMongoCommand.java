package org.civitas.ops.cli;

import org.civitas.ops.mongo.FileBackedMongo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs {@link FileBackedMongo}, the MongoDB of the default deployment, until the process is stopped. */
@Command(name = "mongo", mixinStandardHelpOptions = true,
    description = "Run the embedded MongoDB wire-protocol server (file-backed) until stopped.")
final class EmbeddedMongoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7017", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--file", defaultValue = "var/mongo/civitas.mv.db",
        description = "Data file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() throws Exception {
        FileBackedMongo mongo = FileBackedMongo.start(file, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-stop"));
        System.out.println("MongoDB (embedded, file " + file + ") listening on " + mongo.uri());
        stopped.await();
        return 0;
    }
}
