package org.civitas.sample.android;

import io.grpc.ManagedChannel;
import io.grpc.okhttp.OkHttpChannelBuilder;

/** gRPC channels to a Civitas deployment over OkHttp, the transport for Android (no netty there). */
public final class Channels {

    private Channels() { }

    /**
     * A channel to "host:port". TLS unless {@code plaintext}, which only a test deployment on a trusted network
     * should use (an emulator or a phone on the developer's machine).
     */
    public static ManagedChannel open(String target, boolean plaintext) {
        OkHttpChannelBuilder builder = OkHttpChannelBuilder.forTarget(target);
        if (plaintext) builder.usePlaintext();
        return builder.build();
    }
}
