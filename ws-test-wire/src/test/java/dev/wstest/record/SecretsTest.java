package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SecretsTest {

    @Test
    @DisplayName("a known secret is scrubbed from free text in every form it takes")
    void scrubsEveryForm() {
        String secret = "sT0k+en/42=x";
        Secrets.add(secret);
        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String text = "raw " + secret + " url " + URLEncoder.encode(secret, StandardCharsets.UTF_8) + " b64 " + b64;
        assertThat(Redactor.DEFAULT.scrub(text)).doesNotContain(secret, URLEncoder.encode(secret,
                StandardCharsets.UTF_8), b64).startsWith("raw <redacted 12 chars> url <redacted");
        assertThat(Redactor.NONE.scrub(text)).isEqualTo(text);
    }

    @Test
    @DisplayName("a secret in a payload the frame log shows in hex (binary, a violating frame) is scrubbed there too")
    void hexPayloads() {
        Secrets.add("hexS3cret!");
        byte[] payload = "hexS3cret!".getBytes(StandardCharsets.UTF_8);
        String line = "<-  +5  BINARY " + FrameLogFormat.hex(payload) + " (10 bytes)";
        assertThat(Redactor.DEFAULT.scrub(line)).isEqualTo("<-  +5  BINARY 0x<redacted 20 chars> (10 bytes)");
    }

    @Test
    @DisplayName("header values give up their credentials and cookie values; Basic is decoded")
    void headerValues() {
        String basic = Base64.getEncoder().encodeToString("bob:hunter22pw".getBytes(StandardCharsets.UTF_8));
        Redactor.DEFAULT.noteHeader("Authorization", "Basic " + basic);
        Redactor.DEFAULT.noteHeader("Cookie", "theme=dark; sid=ck00kie99");
        Redactor.DEFAULT.noteHeader("X-Trace", "not-a-secret-value");
        assertThat(Redactor.DEFAULT.scrub("pw hunter22pw, sid ck00kie99, trace not-a-secret-value"))
                .isEqualTo("pw <redacted 10 chars>, sid <redacted 9 chars>, trace not-a-secret-value");
    }

    @Test
    @DisplayName("values of secret query parameters and secret variables are known; short values are not")
    void urlsAndVariables() {
        Redactor.DEFAULT.noteUrl("ws://h/x?room=lobby&access_token=qT0ken1234");
        Redactor.DEFAULT.noteVariable("API_KEY", "k3yValue99");
        Redactor.DEFAULT.noteVariable("ROOM", "publicRoomName");
        Secrets.add("abc");
        assertThat(Redactor.DEFAULT.scrub("qT0ken1234 k3yValue99 publicRoomName lobby abc"))
                .isEqualTo("<redacted 10 chars> <redacted 10 chars> publicRoomName lobby abc");
    }

    @Test
    @DisplayName("an exception chain whose messages hold a secret is copied with scrubbed messages")
    void exceptions() {
        Secrets.add("chainS3cret77");
        IllegalStateException cause = new IllegalStateException("inner chainS3cret77");
        RuntimeException outer = new RuntimeException("outer", cause);
        Throwable scrubbed = Secrets.scrubbed(outer);
        StringWriter trace = new StringWriter();
        scrubbed.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("chainS3cret77")
                .contains("java.lang.IllegalStateException: inner <redacted 13 chars>");
        RuntimeException clean = new RuntimeException("nothing secret here");
        assertThat(Secrets.scrubbed(clean)).isSameAs(clean);
    }

    @Test
    @DisplayName("the end of a text that could still become a secret is reported, for writers that hold it back")
    void pendingPrefix() {
        Secrets.add("prefixS3cret");
        assertThat(Secrets.pendingPrefix("line ends with prefixS3")).isEqualTo(8);
        assertThat(Secrets.pendingPrefix("nothing pending")).isZero();
    }
}
