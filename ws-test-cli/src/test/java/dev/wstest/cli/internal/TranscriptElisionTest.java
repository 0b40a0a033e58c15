package dev.wstest.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.record.FrameLog;
import dev.wstest.record.FrameRecorder;
import dev.wstest.record.LogLimits;
import dev.wstest.record.Side;
import dev.wstest.record.WireRules;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transcripts of long conversations say where the log dropped events, in all three formats. */
@Timeout(10)
class TranscriptElisionTest {

    static FrameLog elidedLog() {
        FrameRecorder r = new FrameRecorder(Side.CLIENT, null, new LogLimits(1, 2, 1 << 20), WireRules.STRICT);
        for (int i = 0; i < 50; i++) {
            byte[] p = ("m" + i).getBytes(StandardCharsets.UTF_8);
            byte[] f = new byte[2 + p.length];
            f[0] = (byte) 0x81;
            f[1] = (byte) p.length;
            System.arraycopy(p, 0, f, 2, p.length);
            r.inbound(ByteBuffer.wrap(f));
        }
        return r.log();
    }

    @Test
    void textHtmlAndSvgMarkTheGap() {
        FrameLog log = elidedLog();
        String marker = "\u2026 47 events elided (log limits: first 1, last 2 events, 1 MiB) \u2026";
        String text = Transcript.text("t", "handshake", log, Instant.EPOCH);
        assertThat(text).contains("m0", "  " + marker, "m48", "m49").doesNotContain("m1\n");
        assertThat(text.indexOf("m0")).isLessThan(text.indexOf(marker));
        assertThat(Transcript.html("t", "handshake", log, Instant.EPOCH)).contains("<tr class=\"local elided\"><td"
                + " colspan=\"6\">" + marker + "</td></tr>");
        assertThat(Transcript.svg("t", log, Instant.EPOCH)).contains(">" + marker + "</text>");
    }
}
