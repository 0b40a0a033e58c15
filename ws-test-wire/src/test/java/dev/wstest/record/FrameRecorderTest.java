package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The recorder decodes raw wire bytes; these tests feed it hand-built frames. */
@Timeout(10)
class FrameRecorderTest {

    static byte[] frame(boolean fin, int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (((long) payload.length >> (8 * i)) & 0xff));
            }
        }
        if (mask != null) {
            out.writeBytes(mask);
            byte[] masked = payload.clone();
            for (int i = 0; i < masked.length; i++) {
                masked[i] ^= mask[i & 3];
            }
            out.writeBytes(masked);
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("RFC 6455 5.7 examples: unmasked \"Hello\", ping, 256-byte and 64 KiB binary; masked \"Hello\" to a server")
    void rfcExamples() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.inbound(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
        r.inbound(ByteBuffer.wrap(new byte[] {(byte) 0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
        r.inbound(ByteBuffer.wrap(frame(true, 2, new byte[256], null)));
        r.inbound(ByteBuffer.wrap(frame(true, 2, new byte[65536], null)));
        List<WsEvent> events = r.log().events();
        assertThat(events).extracting(WsEvent::type).containsExactly(EventType.TEXT, EventType.PING,
                EventType.BINARY, EventType.BINARY);
        assertThat(events.get(0).text()).isEqualTo("Hello");
        assertThat(events.get(1).text()).isEqualTo("Hello");
        assertThat(events.get(2).size()).isEqualTo(256);
        assertThat(events.get(3).size()).isEqualTo(65536);

        FrameRecorder server = new FrameRecorder(Side.SERVER);
        server.inbound(ByteBuffer.wrap(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f,
                (byte) 0x9f, 0x4d, 0x51, 0x58}));
        assertThat(server.log().events()).singleElement().isInstanceOfSatisfying(WsEvent.Text.class,
                t -> assertThat(t.text()).isEqualTo("Hello"));
    }

    @Test
    @DisplayName("fragments are reassembled; control frames in between are recorded in arrival order")
    void fragmentsWithInterleavedControl() {
        FrameRecorder r = new FrameRecorder(Side.SERVER);
        byte[] mask = {1, 2, 3, 4};
        r.inbound(ByteBuffer.wrap(concat(
                frame(false, 1, utf8("Hel"), mask),
                frame(true, 9, utf8("p"), mask),
                frame(false, 0, utf8("lo "), mask),
                frame(true, 0, utf8("wörld"), mask))));
        List<WsEvent> events = r.log().events();
        assertThat(events).extracting(WsEvent::type).containsExactly(EventType.PING, EventType.TEXT);
        assertThat(events.get(1).text()).isEqualTo("Hello wörld");
        assertThat(events.get(1).frameSizes()).containsExactly(3, 3, 6);
        assertThat(events.get(1).isFragmented()).isTrue();
    }

    @Test
    @DisplayName("bytes split anywhere across reads decode to the same frames")
    void splitAcrossReads() {
        byte[] mask = {9, 8, 7, 6};
        byte[] wire = concat(frame(true, 1, utf8("a".repeat(300)), mask), frame(true, 2, new byte[] {1, 2, 3}, mask),
                frame(true, 8, concat(new byte[] {0x03, (byte) 0xe8}, utf8("bye")), mask));
        for (int chunk = 1; chunk <= 7; chunk++) {
            FrameRecorder r = new FrameRecorder(Side.SERVER);
            for (int i = 0; i < wire.length; i += chunk) {
                r.inbound(ByteBuffer.wrap(wire, i, Math.min(chunk, wire.length - i)).slice());
            }
            assertThat(r.log().events()).as("chunk size %d", chunk).extracting(WsEvent::type)
                    .containsExactly(EventType.TEXT, EventType.BINARY, EventType.CLOSE);
            assertThat(r.log().events().get(0).text()).isEqualTo("a".repeat(300));
            assertThat(r.log().events().get(2).closeCode()).isEqualTo(1000);
            assertThat(r.log().events().get(2).text()).isEqualTo("bye");
        }
    }

    @Test
    void feedingDoesNotMoveTheCallersBuffer() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        ByteBuffer buffer = ByteBuffer.wrap(frame(true, 1, utf8("x"), null));
        r.inbound(buffer);
        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(3);
    }

    @Test
    @DisplayName("a close frame without payload has code 1005")
    void closeWithoutPayload() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.inbound(ByteBuffer.wrap(frame(true, 8, new byte[0], null)));
        List<WsEvent> events = r.log().events();
        assertThat(events).singleElement().isInstanceOf(WsEvent.Close.class);
        assertThat(events.get(0).closeCode()).isEqualTo(WsEvent.NO_STATUS_CODE);
        assertThat(FrameLogFormat.line(events.get(0), Redactor.NONE)).contains("CLOSE  (no status code)");
    }

    @Test
    @DisplayName("an absurd length stops decoding that direction with an error event instead of allocating")
    void absurdLength() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.inbound(ByteBuffer.wrap(new byte[] {(byte) 0x82, 127, 0x7f, -1, -1, -1, -1, -1, -1, -1}));
        r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("ignored"), null)));
        assertThat(r.log().events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ERROR);
            assertThat(e.text()).contains("stops decoding");
        });
    }

    @Test
    @DisplayName("outbound pongs are automatic unless the user asked for them; a close answering a close is automatic")
    void automaticFlags() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.outbound(ByteBuffer.wrap(frame(true, 10, utf8("a"), new byte[] {1, 1, 1, 1})));
        r.expectRequestedPong();
        r.outbound(ByteBuffer.wrap(frame(true, 10, utf8("b"), new byte[] {1, 1, 1, 1})));
        r.inbound(ByteBuffer.wrap(frame(true, 8, concat(new byte[] {0x0f, (byte) 0xa1}, utf8("go")), null)));
        r.outbound(ByteBuffer.wrap(frame(true, 8, new byte[] {0x0f, (byte) 0xa1}, new byte[] {1, 1, 1, 1})));
        List<WsEvent> events = r.log().events();
        assertThat(events).extracting(WsEvent::isAutomatic).containsExactly(true, false, false, true);
        assertThat(r.log().state()).isEqualTo(ConnectionState.CLOSING);
        r.transportClosed();
        assertThat(r.log().state()).isEqualTo(ConnectionState.CLOSED);
        CloseStatus status = r.log().closeStatus().orElseThrow();
        assertThat(status.code()).isEqualTo(4001);
        assertThat(status.reason()).isEqualTo("go");
        assertThat(status.initiator()).contains(Side.SERVER);
        r.outbound(ByteBuffer.wrap(frame(true, 1, utf8("too late"), null)));
        assertThat(r.log().size()).as("nothing is recorded after the transport closed").isEqualTo(5);
    }

    @Test
    @DisplayName("a connection that ends without any close frame is abnormal (1006, no initiator)")
    void abnormalClosure() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        r.transportClosed();
        CloseStatus status = r.log().closeStatus().orElseThrow();
        assertThat(status.code()).isEqualTo(1006);
        assertThat(status.isAbnormal()).isTrue();
        assertThat(status.initiator()).isEmpty();
        r.disconnected(1000, "ignored: only the first disconnect counts");
        assertThat(r.log().events(e -> e.type() == EventType.DISCONNECTED)).hasSize(1);
    }

    @Test
    @DisplayName("awaitUntil returns as soon as an event makes the condition true")
    void awaitWakesOnAppend() throws Exception {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        Thread writer = new Thread(() -> r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("now"), null))));
        long start = System.nanoTime();
        writer.start();
        boolean seen = r.log().awaitUntil(() -> r.log().size() == 1, Duration.ofSeconds(30));
        writer.join();
        assertThat(seen).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.log().awaitUntil(() -> r.log().size() == 2, Duration.ofMillis(30))).isFalse();
    }

    @Test
    @DisplayName("long logs keep their head and tail and say how much was left out")
    void longLogsAreElided() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT);
        for (int i = 0; i < 1000; i++) {
            r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("m" + i), null)));
        }
        String text = r.log().format();
        assertThat(text).contains("\"m0\"").contains("\"m999\"").doesNotContain("\"m500\"")
                .contains("... 600 events omitted ...");
        assertThat(text.lines().count()).isLessThan(FrameLogFormat.MAX_LINES + 5);
    }

    @Test
    void quotingAndHex() {
        assertThat(FrameLogFormat.quote("a\"b\n\tc\u0001")).isEqualTo("\"a\\\"b\\n\\tc\\u0001\"");
        assertThat(FrameLogFormat.quote("x".repeat(150))).hasSize(102).endsWith("...\"");
        assertThat(FrameLogFormat.hex(new byte[] {0, 15, (byte) 255})).isEqualTo("0x000fff");
        assertThat(FrameLogFormat.hex(new byte[30])).endsWith("...");
    }
}
