package dev.wstest.benchmarks.e2e;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.benchmarks.jmh.WireFrames;
import dev.wstest.benchmarks.peers.PlainTyrusServer;
import dev.wstest.client.WsClient;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.LogLimits;
import dev.wstest.record.Side;
import dev.wstest.record.WireRules;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Child JVM: live heap that recorded frames keep, per frame. {@code recorder SIZE N} feeds N text frames to a
 * recorder; {@code client SIZE N} sends N/2 messages through a {@link WsClient} to a server that records
 * nothing and checks each echo, so the client's log holds N frames. Prints {@code BYTES_PER_FRAME x}. Both
 * logs keep everything ({@link LogLimits#keepAll()}): under the default limits a log drops frames past 16 MiB
 * or 11,000 events, and the bytes per frame would be divided by frames no longer kept.
 */
public final class FrameMemoryMain {

    private FrameMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int size = Integer.parseInt(args[1]);
        int frames = Integer.parseInt(args[2]);
        String text = "x".repeat(size);
        long before;
        long after;
        Object keep;
        if (kind.equals("recorder")) {
            ByteBuffer frame = ByteBuffer.wrap(WireFrames.text(text.getBytes(StandardCharsets.UTF_8), null));
            before = ProcStatus.liveHeap();
            FrameRecorder recorder = new FrameRecorder(Side.CLIENT, null, LogLimits.keepAll(), WireRules.STRICT);
            for (int i = 0; i < frames; i++) {
                recorder.inbound(frame);
            }
            after = ProcStatus.liveHeap();
            keep = recorder;
            if (recorder.log().elided() > 0) {
                throw new IllegalStateException("the log dropped frames: " + recorder.log().elided());
            }
        } else {
            try (PlainTyrusServer server = PlainTyrusServer.echo(); WsClient client = WsClient.builder(server.uri())
                    .logLimits(LogLimits.keepAll()).connect()) {
                client.sendText(text);
                assertThat(client).receivesText(text);
                before = ProcStatus.liveHeap();
                for (int i = 1; i < frames / 2; i++) {
                    client.sendText(text);
                    assertThat(client).receivesText(text);
                }
                after = ProcStatus.liveHeap();
                keep = client;
                if (client.log().elided() > 0) {
                    throw new IllegalStateException("the log dropped frames: " + client.log().elided());
                }
                Reference.reachabilityFence(keep);
            }
            frames -= 2;
        }
        Reference.reachabilityFence(keep);
        System.out.println("BYTES_PER_FRAME " + (double) (after - before) / frames);
    }
}
