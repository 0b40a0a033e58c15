package dev.wstest.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code java.net.http.WebSocket} as an independent client peer: connects, and notes in order what
 * it delivers to its listener ({@code "text hello"}, {@code "binary of 300"}, {@code "close 1000"}) and how it
 * ended (its close code, or the error it failed with).
 */
public final class JdkClient {

    private final WebSocket ws;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Object> ended = new CompletableFuture<>();

    private JdkClient(URI uri, Duration connectTimeout) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                delivered.add("text " + data);
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                delivered.add("binary of " + data.remaining());
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                delivered.add("close " + code);
                ended.complete(code);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                ended.complete(error);
            }
        }).get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static JdkClient connect(URI uri) throws Exception {
        return new JdkClient(uri, Duration.ofSeconds(5));
    }

    public JdkClient sendText(String text) {
        ws.sendText(text, true); // not joined: the peer may fail the connection before the send completes
        return this;
    }

    /** The close code it received ({@code Integer}) or the error it failed with ({@code Throwable}). */
    public Object awaitEnd(Duration timeout) throws Exception {
        return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What it delivered to its listener so far, in order. */
    public List<String> delivered() {
        return List.copyOf(delivered);
    }
}
