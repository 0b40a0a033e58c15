package dev.wstest.benchmarks.peers;

import dev.wstest.server.WsServer;
import java.io.IOException;
import java.net.URI;

/** A server that echoes every message on {@link #uri()}: ws-test's, plain Tyrus's, or node ws's. */
public interface EchoServer extends AutoCloseable {

    /** Where to connect: an /echo path on loopback. */
    URI uri();

    @Override
    void close();

    /** The servers the benchmarks compare, by the names used in @Param and the table. */
    static EchoServer start(String kind) throws IOException {
        switch (kind) {
            case "ws-test":
                return wsTest();
            case "tyrus":
                return PlainTyrusServer.echo();
            case "node":
                return NodeWsServer.start();
            default:
                throw new IllegalArgumentException("unknown server " + kind + "; one of ws-test, tyrus, node");
        }
    }

    /** ws-test's embedded echo server, recording every frame: what {@code WsServer.echo()} gives a test. */
    static EchoServer wsTest() {
        WsServer server = WsServer.echo();
        return new EchoServer() {
            @Override
            public URI uri() {
                return server.uri("/echo");
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
