package dev.wstest.benchmarks.e2e;

import static dev.wstest.assertions.WebSocketAssertions.assertThat;

import dev.wstest.benchmarks.jmh.WireFrames;
import dev.wstest.benchmarks.peers.PlainTyrusServer;
import dev.wstest.client.WsClient;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Side;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Child JVM: live heap that recorded frames keep, per frame. {@code recorder SIZE N} feeds N text frames to a
 * recorder; {@code client SIZE N} sends N/2 messages through a {@link WsClient} to a server that records
 * nothing and checks each echo, so the client's log holds N frames. Prints {@code BYTES_PER_FRAME x}.
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
            FrameRecorder recorder = new FrameRecorder(Side.CLIENT);
            for (int i = 0; i < frames; i++) {
                recorder.inbound(frame);
            }
            after = ProcStatus.liveHeap();
            keep = recorder;
        } else {
            try (PlainTyrusServer server = PlainTyrusServer.echo(); WsClient client = WsClient.connect(server.uri())) {
                client.sendText(text);
                assertThat(client).receivesText(text);
                before = ProcStatus.liveHeap();
                for (int i = 1; i < frames / 2; i++) {
                    client.sendText(text);
                    assertThat(client).receivesText(text);
                }
                after = ProcStatus.liveHeap();
                keep = client;
                Reference.reachabilityFence(keep);
            }
            frames -= 2;
        }
        Reference.reachabilityFence(keep);
        System.out.println("BYTES_PER_FRAME " + (double) (after - before) / frames);
    }
}
