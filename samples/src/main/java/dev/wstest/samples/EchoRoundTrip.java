package dev.wstest.samples;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.client.WsClient;
import dev.wstest.server.WsServer;
import java.io.PrintStream;

/**
 * A complete round trip against the embedded echo server, in the order a test would do it:
 *
 * <ol>
 *   <li>start {@link WsServer#echo()} on an ephemeral loopback port;</li>
 *   <li>connect a named {@link WsClient} (the name appears in every failure message);</li>
 *   <li>send a text, a JSON text, a text split across three frames, a binary message and a ping, and
 *   after each one assert the echo with {@code assertThat(client)}: each expectation waits until its
 *   reply arrives (two seconds at most), so there is no sleep anywhere;</li>
 *   <li>close with 1000 and assert how the connection ended;</li>
 *   <li>print the handshake and the frame log the client recorded along the way.</li>
 * </ol>
 *
 * <p>Run it from the repository root with {@code mvn -B -q -DskipTests package exec:java}. It prints
 * {@code EchoRoundTrip: OK (N frames recorded)} and exits with 0, or prints the failed expectation (with
 * the frame log) and exits with 1.
 */
public final class EchoRoundTrip {

    /** Exit status when an expectation failed. */
    public static final int EXIT_EXPECTATION_FAILED = 1;

    private EchoRoundTrip() {
    }

    public static void main(String[] args) {
        try {
            run(System.out);
        } catch (AssertionError failed) {
            System.err.println("EchoRoundTrip: FAILED");
            System.err.println(failed.getMessage());
            System.exit(EXIT_EXPECTATION_FAILED);
        }
    }

    /**
     * Runs the round trip, printing to {@code out}.
     *
     * @return the number of frames the client recorded, in both directions
     * @throws AssertionError if the echo server did not answer as expected
     */
    public static int run(PrintStream out) {
        try (WsServer server = WsServer.echo();
             WsClient client = WsClient.builder(server.uri("/echo")).name("echo-round-trip").connect()) {
            out.println("Echo server listening on " + server.uri());

            client.sendText("hello");
            assertThat(client).receivesText("hello");

            // JSON is compared as JSON: key order and whitespace do not matter.
            client.sendText("{\"type\": \"greeting\", \"to\": \"echo\"}");
            assertThat(client).receivesJson("{\"to\":\"echo\",\"type\":\"greeting\"}");

            // Three frames on the wire, one message for the assertions.
            client.sendTextFragments("frag", "ment", "ed");
            assertThat(client).receivesText("fragmented");

            byte[] bytes = {0x00, 0x01, 0x7f, (byte) 0xff};
            client.sendBinary(bytes);
            assertThat(client).receivesBinary(bytes);

            // The server's WebSocket stack answers a ping with a pong carrying the same payload.
            client.sendPing("are you there?");
            assertThat(client).receivesPong("are you there?");

            client.close(1000, "done");
            assertThat(client).isClosedWith(1000, "done").isClosedByClient();

            out.println();
            out.println("Handshake:");
            out.println(client.handshake());
            out.println("Frame log of client \"" + client.name() + "\" (ms after handshake):");
            out.println(client.formatLog());

            // One log line per message, but a fragmented message lists each of its frames.
            int frames = client.log().events().stream().mapToInt(e -> e.frameSizes().size()).sum();
            out.println();
            out.println("EchoRoundTrip: OK (" + frames + " frames recorded)");
            return frames;
        }
    }
}
