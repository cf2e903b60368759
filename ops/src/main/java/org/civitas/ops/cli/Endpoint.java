package org.civitas.ops.cli;

/** A {@code host:port} the command line talks to. */
record Endpoint(String host, int port) {

    Endpoint {
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Reads {@code host:port}; a bare port means 127.0.0.1. */
    static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        try {
            return new Endpoint(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
    }

    @Override public String toString() { return host + ":" + port; }
}
