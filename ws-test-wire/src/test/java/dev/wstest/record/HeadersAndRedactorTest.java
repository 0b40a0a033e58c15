package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HeadersAndRedactorTest {

    @Test
    void headersAreCaseInsensitiveAndKeepOrderAndSpelling() {
        Headers h = Headers.of(Map.of("Sec-WebSocket-Protocol", List.of("a", "b")));
        assertThat(h.all("sec-websocket-protocol")).containsExactly("a", "b");
        assertThat(h.first("SEC-WEBSOCKET-PROTOCOL")).contains("a");
        assertThat(h.joined("Sec-WebSocket-Protocol")).contains("a, b");
        assertThat(h.contains("x")).isFalse();
        assertThat(h.names()).containsExactly("Sec-WebSocket-Protocol");
        Headers merged = Headers.of("X-A", "1", "x-a", "2");
        assertThat(merged.all("X-A")).containsExactly("1", "2");
        assertThatThrownBy(() -> Headers.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redactsSecretsButKeepsTheScheme() {
        Redactor r = Redactor.DEFAULT;
        assertThat(r.redact("Authorization", "Bearer abc.def")).isEqualTo("Bearer <redacted 7 chars>");
        assertThat(r.redact("authorization", "opaque")).isEqualTo("<redacted 6 chars>");
        assertThat(r.redact("Cookie", "sid=1")).isEqualTo("<redacted 5 chars>");
        assertThat(r.redact("X-Auth-Token", "t")).isEqualTo("<redacted 1 chars>");
        assertThat(r.redact("X-Api-Key", "k")).isEqualTo("<redacted 1 chars>");
        assertThat(r.redact("Sec-WebSocket-Key", "dGhl")).isEqualTo("dGhl");
        assertThat(r.redact("Host", "example")).isEqualTo("example");
        assertThat(r.alsoRedacting("X-Tenant").redact("x-tenant", "acme")).isEqualTo("<redacted 4 chars>");
        assertThat(Redactor.NONE.redact("Authorization", "Bearer x")).isEqualTo("Bearer x");
        assertThat(Headers.of("Authorization", "Basic dXNlcjpwdw==").toString())
                .isEqualTo("Authorization: Basic <redacted 12 chars>");
    }

    @Test
    void redactsSecretQueryParameters() {
        assertThat(Redactor.DEFAULT.redactUrl("wss://h/feed?symbol=ACME&access_token=abc123&apikey=k"))
                .isEqualTo("wss://h/feed?symbol=ACME&access_token=<redacted 6 chars>&apikey=<redacted 1 chars>");
        assertThat(Redactor.DEFAULT.redactUrl("ws://h/plain")).isEqualTo("ws://h/plain");
        assertThat(Redactor.NONE.redactUrl("ws://h/x?token=t")).isEqualTo("ws://h/x?token=t");
    }

    @Test
    void closeCodes() {
        assertThat(dev.wstest.protocol.CloseCodes.isSendable(1000)).isTrue();
        assertThat(dev.wstest.protocol.CloseCodes.isSendable(1006)).isFalse();
        assertThat(dev.wstest.protocol.CloseCodes.isSendable(4999)).isTrue();
        assertThat(dev.wstest.protocol.CloseCodes.name(1011)).isEqualTo("Internal Error");
        assertThat(dev.wstest.protocol.CloseCodes.name(4001)).isEqualTo("Private use");
    }

    @Test
    void placeholderFallbacksOfSecretNamesAreRedactedAndRemembered() {
        Redactor r = Redactor.DEFAULT;
        assertThat(r.notePlaceholderDefaults("Bearer ${API_TOKEN:-w1re-fallback-9} for ${user:-w1re-visible-9}"))
                .isEqualTo("Bearer ${API_TOKEN:-<redacted 15 chars>} for ${user:-w1re-visible-9}");
        assertThat(r.scrub("echoed: w1re-fallback-9, w1re-visible-9"))
                .isEqualTo("echoed: <redacted 15 chars>, w1re-visible-9");
        // a literal $${...} is no placeholder; a text that is not placeholder syntax is left to its parser
        assertThat(r.notePlaceholderDefaults("$${API_TOKEN:-w1re-literal-9}")).isEqualTo("$${API_TOKEN:-w1re-literal-9}");
        assertThat(r.notePlaceholderDefaults("${API_TOKEN:-unclosed")).isEqualTo("${API_TOKEN:-unclosed");
        assertThat(Redactor.NONE.notePlaceholderDefaults("${API_TOKEN:-w1re-none-9}")).isEqualTo("${API_TOKEN:-w1re-none-9}");
        assertThat(r.scrub("w1re-literal-9 w1re-none-9")).isEqualTo("w1re-literal-9 w1re-none-9");
    }
}
