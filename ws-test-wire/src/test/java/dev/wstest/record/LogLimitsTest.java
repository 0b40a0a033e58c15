package dev.wstest.record;

import static dev.wstest.record.FrameRecorderTest.frame;
import static dev.wstest.record.FrameRecorderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A log keeps its first and last events within its limits and says where it dropped the rest. */
@Timeout(30)
class LogLimitsTest {

    static void texts(FrameRecorder r, int from, int to) {
        for (int i = from; i < to; i++) {
            r.inbound(ByteBuffer.wrap(frame(true, 1, utf8("m" + i), null)));
        }
    }

    @ParameterizedTest(name = "last {0} events")
    @ValueSource(ints = {1, 2, 3, 5, 15, 16, 17, 100, 1000})
    @DisplayName("the tail keeps exactly the last events, whatever the ring's size and however often it wraps")
    void tailForAnyLength(int last) {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(2, last, Long.MAX_VALUE), WireRules.STRICT);
        FrameLog log = r.log();
        for (int n = 1; n <= 3 * last + 40; n++) {
            texts(r, n - 1, n);
            int kept = Math.min(n - 2, last);
            if (n <= 2) {
                assertThat(log.events()).hasSize(n);
                continue;
            }
            List<WsEvent> events = log.events();
            assertThat(events).hasSize(2 + kept);
            assertThat(events.get(2).seq()).isEqualTo(n - kept + 1);
            assertThat(events.get(events.size() - 1).text()).isEqualTo("m" + (n - 1));
            assertThat(log.find(n - kept)).isEqualTo(n - kept > 2 ? java.util.Optional.empty()
                    : java.util.Optional.of(events.get((int) (n - kept) - 1)));
        }
    }

    @Test
    @DisplayName("first and last events are kept, the middle is elided; sequence numbers keep counting")
    void headAndTail() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(3, 5, Long.MAX_VALUE), WireRules.STRICT);
        texts(r, 0, 100);
        FrameLog log = r.log();
        assertThat(log.lastSeq()).isEqualTo(100);
        assertThat(log.size()).isEqualTo(100);
        assertThat(log.elided()).isEqualTo(92);
        assertThat(log.events()).extracting(WsEvent::seq).containsExactly(1L, 2L, 3L, 96L, 97L, 98L, 99L, 100L);
        assertThat(log.receivedMessages()).extracting(WsEvent::text).containsExactly("m0", "m1", "m2", "m95", "m96",
                "m97", "m98", "m99");
        assertThat(log.get(97).text()).isEqualTo("m96");
        assertThat(log.find(50)).isEmpty();
        assertThatThrownBy(() -> log.get(50)).isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("event 50 is no longer in the log: it was elided under the log limits"
                        + " (first 3, last 5 events,");
        assertThat(log.next(3).seq()).as("next() skips the gap").isEqualTo(96);
        assertThat(log.eventsAfter(10)).extracting(WsEvent::seq).containsExactly(96L, 97L, 98L, 99L, 100L);
    }

    @Test
    @DisplayName("the formatted log marks the gap: \"… 92 events elided (log limits: …) …\"")
    void elisionMarker() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(2, 2, 1024 * 1024), WireRules.STRICT);
        texts(r, 0, 12_347);
        String text = r.log().format();
        String marker = "\n  \u2026 12,343 events elided (log limits: first 2, last 2 events, 1 MiB) \u2026\n";
        assertThat(text).contains(marker).contains("\"m0\"", "\"m1\"", "\"m12345\"", "\"m12346\"")
                .doesNotContain("\"m2\"");
        assertThat(text.indexOf("\"m1\"")).isLessThan(text.indexOf(marker));
        assertThat(text.indexOf(marker)).isLessThan(text.indexOf("\"m12345\""));
    }

    @Test
    @DisplayName("payload bytes are capped too: a quarter for the first events, the rest for the last ones")
    void byteBudget() {
        FrameRecorder r = new FrameRecorder(Side.SERVER, null, new LogLimits(1_000, 1_000, 40_000), WireRules.LENIENT);
        byte[] kib = new byte[1024];
        for (int i = 0; i < 500; i++) {
            r.inbound(ByteBuffer.wrap(frame(true, 2, kib, null)));
        }
        FrameLog log = r.log();
        assertThat(log.retainedBytes()).as("retained payload").isLessThanOrEqualTo(40_000 + 2 * 1024);
        List<WsEvent> kept = log.events();
        assertThat(kept.stream().filter(e -> e.seq() <= 9)).as("the first 9 KiB stay").hasSize(9);
        assertThat(kept.get(kept.size() - 1).seq()).isEqualTo(500);
        assertThat(log.elided()).isEqualTo(500 - kept.size());
    }

    @Test
    @DisplayName("the newest event is always kept, even when it alone is over the budget")
    void newestAlwaysKept() {
        FrameRecorder r = new FrameRecorder(Side.SERVER, null, new LogLimits(0, 10, 100), WireRules.LENIENT);
        r.inbound(ByteBuffer.wrap(frame(true, 2, new byte[5000], null)));
        r.inbound(ByteBuffer.wrap(frame(true, 2, new byte[6000], null)));
        assertThat(r.log().events()).singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(6000));
    }

    @Test
    @DisplayName("the close status survives elision of the close frame")
    void closeStatusSurvivesElision() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(0, 2, Long.MAX_VALUE), WireRules.STRICT);
        r.inbound(ByteBuffer.wrap(frame(true, 8, new byte[] {0x0f, (byte) 0xa1}, null)));
        texts(r, 0, 5); // stray frames after the close
        r.transportClosed();
        assertThat(r.log().events()).extracting(WsEvent::type).doesNotContain(EventType.CLOSE);
        assertThat(r.log().closeStatus()).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(4001));
    }

    @Test
    @DisplayName("a clean close stays clean when both its close frames were elided")
    void cleanCloseSurvivesElision() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(0, 2, Long.MAX_VALUE), WireRules.STRICT);
        r.outbound(ByteBuffer.wrap(frame(true, 8, new byte[] {0x03, (byte) 0xe8}, new byte[] {1, 2, 3, 4})));
        r.inbound(ByteBuffer.wrap(frame(true, 8, new byte[] {0x03, (byte) 0xe8}, null)));
        texts(r, 0, 5);
        r.transportClosed();
        assertThat(r.log().events()).extracting(WsEvent::type).doesNotContain(EventType.CLOSE);
        assertThat(r.log().closeStatus()).hasValueSatisfying(s -> {
            assertThat(s.isClean()).as(s.toString()).isTrue();
            assertThat(s.toString()).isEqualTo("1000, closed by client");
        });
    }

    @Test
    @DisplayName("readers racing a writer that evicts never see a wrong event")
    void concurrentReaders() throws Exception {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(10, 64, Long.MAX_VALUE), WireRules.STRICT);
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean wrong = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                long last = 0;
                for (WsEvent e : r.log().events()) {
                    if (e.seq() <= last || !e.text().equals("m" + (e.seq() - 1))) {
                        wrong.set(true);
                    }
                    last = e.seq();
                }
                r.log().find(r.log().lastSeq()).ifPresent(e -> {
                    if (!e.text().equals("m" + (e.seq() - 1))) {
                        wrong.set(true);
                    }
                });
            }
        });
        reader.start();
        texts(r, 0, 200_000);
        done.set(true);
        reader.join();
        assertThat(wrong).isFalse();
        assertThat(r.log().events()).hasSize(74);
    }

    @Test
    void keepAllKeepsEverything() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, LogLimits.keepAll(), WireRules.STRICT);
        texts(r, 0, 25_000);
        assertThat(r.log().events()).hasSize(25_000);
        assertThat(r.log().elided()).isZero();
        assertThat(LogLimits.keepAll().toString()).isEqualTo("keep all");
        assertThat(LogLimits.DEFAULT.toString()).isEqualTo("first 1,000, last 10,000 events, 16 MiB");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new LogLimits(1, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lastEvents must be at least 1");
        assertThatThrownBy(() -> new LogLimits(-1, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogLimits(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
