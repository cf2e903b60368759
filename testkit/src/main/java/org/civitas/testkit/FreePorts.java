package org.civitas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the servers tests and load clients start. */
public final class FreePorts {

    private FreePorts() { }

    /**
     * A loopback port no socket holds right now. Another process may take it before the caller binds it, which on
     * a test machine is rare enough that servers bound to it simply fail loudly if it happens.
     */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
