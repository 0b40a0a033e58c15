package dev.wstest.samples.pricefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A price-feed subscriber, as a client team would write one on the JDK's {@link java.net.http.WebSocket} (it
 * knows nothing of ws-test; its tests run it against ws-test's mock server):
 * <ul>
 *   <li>authenticates with {@code Authorization: Bearer TOKEN} on the upgrade request;</li>
 *   <li>subscribes with {@code {"op":"subscribe","symbol":"ACME"}} and hands every
 *   {@code {"type":"price","symbol":"ACME","price":101.5}} to its listener;</li>
 *   <li>sends a ping every {@code heartbeat}; when no pong comes within {@code pongTimeout}, it gives the connection
 *   up as dead;</li>
 *   <li>reconnects whenever the connection ends (dropped, refused, given up, or closed by the server), after a
 *   back-off that doubles from {@code initialBackoff} up to {@code maxBackoff} and starts over once a connection
 *   opens; a server that says it is going away (1001) is reconnected to at once;</li>
 *   <li>subscribes again, after each reconnect, to every symbol it was subscribed to.</li>
 * </ul>
 */
public final class PriceFeedClient implements AutoCloseable {

    /** Where prices go, and what the client tells about its connection (for logs and tests). */
    public interface Listener {
        void onPrice(String symbol, double price);

        /** The connection opened (1 for the first), or ended: {@code why} is the close code or the failure. */
        default void onConnection(int attempt, boolean open, String why) {
        }
    }

    /**
     * @param heartbeat      how often to ping
     * @param pongTimeout    how long a ping may go unanswered before the connection counts as dead
     * @param initialBackoff the first wait before reconnecting
     * @param maxBackoff     the longest wait
     */
    public record Options(URI uri, String token, Duration heartbeat, Duration pongTimeout, Duration initialBackoff,
                          Duration maxBackoff) {
        public Options {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(token, "token");
        }

        /** A ping every 15 s, 5 s for the pong, back-off from 500 ms to 30 s. */
        public static Options defaults(URI uri, String token) {
            return new Options(uri, token, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(500),
                    Duration.ofSeconds(30));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GOING_AWAY = 1001;

    private final Options options;
    private final Listener listener;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "price-feed");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> symbols = new LinkedHashSet<>();
    private final List<ScheduledFuture<?>> heartbeats = new ArrayList<>();
    private WebSocket socket;
    private Duration backoff;
    private int attempts;
    private long lastPongNanos;
    private boolean closed;

    public PriceFeedClient(Options options, Listener listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = options.initialBackoff();
    }

    /** Connects (and keeps reconnecting until {@link #close()}). */
    public void start() {
        timer.execute(this::connect);
    }

    /** Subscribes now if connected, and again after every reconnect. */
    public void subscribe(String symbol) {
        timer.execute(() -> {
            if (symbols.add(symbol) && socket != null) {
                send(socket, symbol);
            }
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        int attempt = ++attempts;
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + options.token())
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(options.uri(), new Handler(attempt))
                .whenComplete((ws, failure) -> timer.execute(() -> {
                    if (failure != null) {
                        listener.onConnection(attempt, false, describe(failure));
                        reconnectLater();
                    }
                }));
    }

    /** Called on the timer thread once a connection is open. */
    private void opened(WebSocket ws, int attempt) {
        if (closed) {
            ws.abort();
            return;
        }
        socket = ws;
        backoff = options.initialBackoff();
        lastPongNanos = System.nanoTime();
        listener.onConnection(attempt, true, "open");
        symbols.forEach(s -> send(ws, s));
        heartbeats.add(timer.scheduleAtFixedRate(() -> heartbeat(ws), options.heartbeat().toMillis(),
                options.heartbeat().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void heartbeat(WebSocket ws) {
        if (ws != socket) {
            return;
        }
        if (System.nanoTime() - lastPongNanos > options.heartbeat().plus(options.pongTimeout()).toNanos()) {
            ended(ws, "no pong within " + options.pongTimeout().toMillis() + " ms", false);
            ws.abort();
            return;
        }
        ws.sendPing(ByteBuffer.wrap(new byte[] {'h', 'b'}));
    }

    private void send(WebSocket ws, String symbol) {
        ObjectNode msg = JSON.createObjectNode().put("op", "subscribe").put("symbol", symbol);
        ws.sendText(msg.toString(), true);
    }

    /** The connection is over: forget it, and reconnect (at once when the server is going away). */
    private void ended(WebSocket ws, String why, boolean goingAway) {
        if (ws != socket) {
            return;
        }
        socket = null;
        heartbeats.forEach(h -> h.cancel(false));
        heartbeats.clear();
        listener.onConnection(attempts, false, why);
        if (goingAway) {
            timer.execute(this::connect);
        } else {
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                : backoff.multipliedBy(2);
        timer.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof WebSocketHandshakeException refused) {
            return "refused with HTTP " + refused.getResponse().statusCode();
        }
        return cause.toString();
    }

    /** Closes the connection (1000) and stops reconnecting. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.execute(() -> {
            closed = true;
            WebSocket ws = socket;
            socket = null;
            heartbeats.forEach(h -> h.cancel(false));
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
            done.complete(null);
        });
        done.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        timer.shutdown();
    }

    /** The JDK's listener for one connection; everything it learns goes to the timer thread. */
    private final class Handler implements WebSocket.Listener {
        private final int attempt;
        private final StringBuilder text = new StringBuilder();

        Handler(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(WebSocket ws) {
            timer.execute(() -> opened(ws, attempt));
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                price(message);
            }
            ws.request(1);
            return null;
        }

        private void price(String message) {
            try {
                JsonNode m = JSON.readTree(message);
                if ("price".equals(m.path("type").asText())) {
                    listener.onPrice(m.path("symbol").asText(), m.path("price").asDouble());
                }
            } catch (java.io.IOException notJson) {
                // a feed may send other things; they are not prices
            }
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            timer.execute(() -> lastPongNanos = System.nanoTime());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            timer.execute(() -> ended(ws, "closed " + code + (reason.isEmpty() ? "" : " " + reason),
                    code == GOING_AWAY));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            timer.execute(() -> ended(ws, describe(error), false));
        }
    }
}
