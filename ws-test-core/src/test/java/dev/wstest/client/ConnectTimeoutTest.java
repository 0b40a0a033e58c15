package dev.wstest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wstest.testing.RawServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectTimeoutTest {

    @Test
    @DisplayName("a connect that times out closes its socket: the silent server sees EOF right after")
    void timedOutConnectClosesTheSocket() throws Exception {
        CompletableFuture<Boolean> eof = new CompletableFuture<>();
        try (RawServer silent = RawServer.start(c -> {
            c.readRequest();
            // never answer; report whether the client hangs up within 5 s of the request
            eof.complete(c.awaitEof(Duration.ofSeconds(5)));
        })) {
            assertThatThrownBy(() -> WsClient.builder(silent.uri("/")).connectTimeout(Duration.ofMillis(300)).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TIMEOUT));
            assertThat(eof.get(10, TimeUnit.SECONDS)).as("the client closed its socket after the timeout").isTrue();
        }
    }

    @Test
    @Timeout(15)
    @DisplayName("a TLS handshake that never completes ends at the connect timeout, not after Tyrus's 30 s")
    void stalledTlsHandshakeHonoursTheConnectTimeout() throws Exception {
        CompletableFuture<Boolean> eof = new CompletableFuture<>();
        try (RawServer silent = RawServer.start(c -> eof.complete(c.awaitEof(Duration.ofSeconds(5))))) {
            assertThatThrownBy(() -> WsClient.builder("wss://127.0.0.1:" + silent.port() + "/")
                    .connectTimeout(Duration.ofMillis(300)).connect())
                    .isInstanceOfSatisfying(WsConnectException.class,
                            e -> assertThat(e.reason()).isEqualTo(WsConnectException.Reason.TIMEOUT))
                    .hasMessageContaining("within the connect timeout of 300 ms");
            assertThat(Thread.currentThread().isInterrupted()).as("the deadline's interrupt is not left behind")
                    .isFalse();
            assertThat(eof.get(8, TimeUnit.SECONDS)).as("the client closed its socket").isTrue();
        }
    }
}
