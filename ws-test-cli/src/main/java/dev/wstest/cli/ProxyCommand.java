package dev.wstest.cli;

import dev.wstest.cli.internal.CliFailure;
import dev.wstest.cli.internal.Outputs;
import dev.wstest.cli.internal.EventLines;
import dev.wstest.cli.internal.LogFollower;
import dev.wstest.cli.internal.StopSignal;
import dev.wstest.client.WsClient;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.record.EventType;
import dev.wstest.record.Redactor;
import dev.wstest.record.WsEvent;
import dev.wstest.scenario.ScenarioWriter;
import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.ServerConnection;
import dev.wstest.server.WsServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ws-test proxy --target URL}: a logging (and recording) WebSocket proxy. */
@Command(name = "proxy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"A WebSocket proxy that logs every frame both ways (close codes, pings and binary included)"
                + " and, with --record, writes the client side as a replayable scenario.",
            "Each client connection opens its own connection to the target: a client on path / gets the target URL"
                + " as given, any other path and query replace the target's. The client's own headers are forwarded"
                + " (not the WebSocket ones), plus any -H; the subprotocols it offers are offered to the target.",
            "Pings are relayed, and also answered by the proxy itself."},
        footer = {"%nExamples:",
            "  ws-test proxy --target wss://api.example.com --port 8081 --record api.ws",
            "  # point the application at ws://127.0.0.1:8081, use it, then Ctrl-C; replay with: ws-test run api.ws"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":stopped (Ctrl-C, --timeout or --count)",
            ExitCodes.INVALID_INPUT + ":bad option, the port cannot be bound, or the recording cannot be written",
            ExitCodes.RUNTIME_FAILURE_LINE},
        sortOptions = false)
final class ProxyCommand extends ToolCommand {

    /** Handshake headers the WebSocket stacks set themselves; forwarding them would break the target handshake. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "upgrade", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "sec-websocket-accept",
            "origin", "content-length", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-authorization");

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "URL",
            description = "Where to forward connections (ws:// or wss://).")
    String target;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "0",
            description = "The port to listen on; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--record", paramLabel = "FILE.ws",
            description = "On exit, write what the clients sent and received as a scenario, one per connection.")
    Path record;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunCommand.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration timeout;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop once N client connections have ended.")
    Integer count;

    @Option(names = "-v", description = "-v: opcodes and sizes; -vv: a hex dump of each frame.")
    boolean[] verbose = new boolean[0];

    @Mixin
    ConnectionMixin connection;

    /** One client connection and its connection to the target. */
    private record Pair(ServerConnection client, WsClient upstream, URI targetUri, Map<String, String> headers,
                        List<String> subprotocols) {
    }

    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final Map<Integer, LogFollower> followers = new ConcurrentHashMap<>();

    @Override
    int execute() {
        URI targetUri = ConnectionMixin.parseUrl(target);
        if (record != null && record.toAbsolutePath().getParent() != null
                && !Files.isDirectory(record.toAbsolutePath().getParent())) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write --record " + record + ": no such folder");
        }
        Redactor redactor = Redactor.DEFAULT;
        int verbosity = verbose.length;
        Instant started = Instant.now();
        WsServer.Builder b = WsServer.builder().name("proxy").host(host).port(port).redactor(redactor)
                .maxMessageBytes(connection.maxMessageBytes).sendTimeout(connection.sendTimeout)
                .behaviour(new ServerBehaviour() {
                    @Override
                    public void onOpen(ServerConnection c) {
                        open(c, targetUri, verbosity);
                    }

                    @Override
                    public void onClose(ServerConnection c, int code, String reason) {
                        pairs.stream().filter(p -> p.client() == c).findFirst().ifPresent(p -> {
                            if (p.upstream().isOpen()) {
                                closeSide(p.upstream(), code, reason);
                            }
                        });
                    }
                });
        if (!connection.subprotocols.isEmpty()) {
            b.subprotocols(connection.subprotocols.toArray(String[]::new));
        }
        if (connection.lenient) {
            b.lenient(); // both sides: the proxy shows what each peer sends, violations included
        }
        WsServer server;
        try {
            server = b.start();
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, ConnectionMixin.firstLine(e.getMessage()), e);
        }
        try (StopSignal stop = new StopSignal()) {
            try (WsServer s = server) {
                out().println("proxy listening on " + s.uri() + " -> " + targetUri + "; Ctrl-C stops it");
                out().flush();
                long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
                while (!stop.stopRequested() && (count == null || ended.get() < count)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    s.awaitUntil(x -> stop.stopRequested() || count != null && ended.get() >= count,
                            Duration.ofNanos(Math.min(left, Duration.ofMillis(250).toNanos())));
                }
            }
            for (Pair p : pairs) {
                p.upstream().close();
            }
            followers.values().forEach(LogFollower::close);
            int refused = server.connectionCount() - pairs.size();
            out().println("proxy stopped after " + server.connectionCount() + " connection(s)"
                    + (refused > 0 ? " (" + refused + " not forwarded)" : ""));
            if (record != null) {
                writeRecording(targetUri, redactor, started);
                out().println("scenario written to " + record);
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    private void open(ServerConnection c, URI targetBase, int verbosity) {
        URI to = targetFor(targetBase, c);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : c.handshake().headers().names()) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                c.handshake().headers().joined(name).ifPresent(v -> headers.put(name, v));
            }
        }
        headers.putAll(connection.headerMap());
        List<String> offered = c.handshake().subprotocols();
        String tag = "[" + c.id() + "] ";
        out().println(tag + "client connected: " + c.path() + c.handshake().query().map(q -> "?" + q).orElse("")
                + " -> " + to);
        out().flush();
        WsClient upstream;
        try {
            ConnectionMixin perConnection = copyWith(headers, offered);
            upstream = perConnection.connect(to, "proxy-" + c.id());
        } catch (CliFailure e) {
            out().println(tag + "target refused: " + e.getMessage() + "; closing the client with 1014");
            out().flush();
            c.close(1014, "ws-test proxy: target unavailable");
            ended.incrementAndGet();
            return;
        }
        Pair pair = new Pair(c, upstream, to, headers, offered);
        pairs.add(pair);
        EventLines fromClient = new EventLines(c.log(), verbosity);
        EventLines fromTarget = new EventLines(upstream.log(), verbosity);
        followers.put(2 * c.id(), new LogFollower("proxy client " + c.id(), c.log(), e -> {
            if (e.isInbound() || e.type() == EventType.DISCONNECTED) {
                print(tag + "client " + fromClient.human(e));
            }
            relayFromClient(pair, e);
        }));
        followers.put(2 * c.id() + 1, new LogFollower("proxy target " + c.id(), upstream.log(), e -> {
            if (e.isInbound() || e.type() == EventType.DISCONNECTED) {
                print(tag + "target " + fromTarget.human(e));
            }
            relayFromTarget(pair, e);
        }));
    }

    private void print(String line) {
        out().println(line);
        out().flush();
    }

    private void relayFromClient(Pair p, WsEvent e) {
        if (e.type() == EventType.DISCONNECTED) {
            ended.incrementAndGet();
            if (p.upstream().isOpen()) {
                closeSide(p.upstream(), e.closeCode(), e.text());
            }
            return;
        }
        if (!e.isInbound()) {
            return;
        }
        WsClient up = p.upstream();
        switch (e.type()) {
            case TEXT: up.sendText(e.text()); break;
            case BINARY: up.sendBinary(e.payload()); break;
            case PING: up.sendPing(e.payload()); break;
            case PONG: up.sendPong(e.payload()); break;
            case CLOSE: closeSide(up, e.closeCode(), e.text()); break;
            default: break;
        }
    }

    private void relayFromTarget(Pair p, WsEvent e) {
        ServerConnection c = p.client();
        if (e.type() == EventType.DISCONNECTED) {
            if (c.isOpen()) {
                c.close(1011, "ws-test proxy: the target went away");
            }
            return;
        }
        if (!e.isInbound() || !c.isOpen()) {
            return;
        }
        switch (e.type()) {
            case TEXT: c.sendText(e.text()); break;
            case BINARY: c.sendBinary(e.payload()); break;
            case PING: c.sendPing(e.payload()); break;
            case CLOSE:
                c.close(CloseCodes.isSendable(e.closeCode()) ? e.closeCode() : 1000, e.text());
                break;
            default: break;
        }
    }

    private static void closeSide(WsClient up, int code, String reason) {
        up.close(CloseCodes.isSendable(code) ? code : 1000, reason == null ? "" : reason);
    }

    private static URI targetFor(URI base, ServerConnection c) {
        String path = c.path();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return c.handshake().query().isEmpty() ? base
                    : URI.create(base.toString() + (base.getRawQuery() == null ? "?" : "&") + c.handshake().query().get());
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path
                + c.handshake().query().map(q -> "?" + q).orElse(""));
    }

    private ConnectionMixin copyWith(Map<String, String> headers, List<String> offered) {
        ConnectionMixin m = new ConnectionMixin();
        headers.forEach((k, v) -> m.headers.add(k + ": " + v));
        m.subprotocols.addAll(offered);
        m.insecure = connection.insecure;
        m.ca = connection.ca;
        m.connectTimeout = connection.connectTimeout;
        m.sendTimeout = connection.sendTimeout;
        m.maxMessageBytes = connection.maxMessageBytes;
        m.deflate = connection.deflate;
        m.lenient = connection.lenient;
        return m;
    }

    private void writeRecording(URI targetBase, Redactor redactor, Instant started) {
        String base = targetBase.getScheme() + "://" + targetBase.getRawAuthority();
        ScenarioWriter w = ScenarioWriter.create()
                .comment("Recorded by ws-test proxy (target " + targetBase + ") from " + started + ": the client side"
                        + " of " + pairs.size() + " connection(s).\nReplay: ws-test run " + record.getFileName()
                        + " (--var TARGET=... to point it elsewhere)")
                .var("TARGET", base);
        for (Pair p : pairs) {
            if (pairs.size() > 1) {
                w.scenario("connection " + p.client().id() + " " + p.client().path());
            }
            String rest = p.targetUri().toString().substring(base.length());
            w.connection("${TARGET}" + rest, p.headers(), p.subprotocols(), p.upstream().log().events(),
                    p.upstream().closeStatus(), redactor);
        }
        try {
            Outputs.writeString(record, w.text());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "cannot write " + record + ": " + e.getMessage(), e);
        }
    }
}
