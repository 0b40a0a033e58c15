package dev.wstest.scenario.internal;

import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code server echo|broadcast [as NAME] [subprotocol P]... [tls] [max-message-size SIZE] [send-timeout D] [lenient]}: an
 * embedded server on an ephemeral port, defining {@code ${NAME.url}} and {@code ${NAME.port}}; {@code server mock ...}
 * is read by {@link MockSteps}.
 */
final class ServerSteps implements StepSyntax {

    private final Cursor c;
    private final MockSteps mocks;

    ServerSteps(Cursor c, MockSteps mocks) {
        this.c = c;
        this.mocks = mocks;
    }

    /**
     * @param maxMessageBytes the largest message accepted from a client, or null for the server's default
     * @param sendTimeout     how long a send to one connection may take, or null for the server's default
     * @param lenient         whether a client's protocol violations are recorded only, not failed with 1002/1007
     */
    record Server(boolean broadcast, String name, List<String> subprotocols, boolean tls, Integer maxMessageBytes,
                  Duration sendTimeout, boolean lenient) implements StepAction {
        Server {
            subprotocols = List.copyOf(subprotocols);
        }

        @Override
        public void run(RunContext ctx) {
            WsServer.Builder b = WsServer.builder().name(name)
                    .behaviour(broadcast ? ServerBehaviour.broadcast() : ServerBehaviour.echo())
                    .subprotocols(subprotocols.toArray(String[]::new));
            if (tls) {
                b.tls();
            }
            if (maxMessageBytes != null) {
                b.maxMessageBytes(maxMessageBytes);
            }
            if (sendTimeout != null) {
                b.sendTimeout(sendTimeout);
            }
            if (lenient) {
                b.lenient();
            }
            WsServer server = b.start();
            ctx.addServer(name, server);
            String url = server.uri().toString();
            ctx.set(name + ".url", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            ctx.set(name + ".port", String.valueOf(server.port()));
        }
    }

    @Override
    public List<String> commands() {
        return List.of("server");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        Token kind = c.next();
        if (kind.is("mock")) {
            return mocks.parse(first, kind, scope);
        }
        if (!kind.is("echo") && !kind.is("broadcast")) {
            throw c.err(kind, "\"echo\", \"broadcast\" or \"mock\" after \"server\"");
        }
        String name = "server";
        boolean tls = false;
        List<String> subprotocols = new ArrayList<>();
        Integer maxMessageBytes = null;
        Duration sendTimeout = null;
        boolean lenient = false;
        while (!c.atEol()) {
            Token opt = c.next();
            if (opt.is("as")) {
                name = c.newName(c.next(), "a server name after \"as\"");
            } else if (opt.is("tls")) {
                tls = true;
            } else if (opt.is("subprotocol")) {
                Token p = c.next();
                if (p.kind() == Token.Kind.EOL || p.kind() == Token.Kind.JSON) {
                    throw c.err(p, "a subprotocol name after \"subprotocol\"");
                }
                ConnectSteps.checkSubprotocol(c, p, p.text());
                subprotocols.add(p.text());
            } else if (opt.is("max-message-size")) {
                maxMessageBytes = c.size(c.next(), "\"max-message-size\"");
            } else if (opt.is("send-timeout")) {
                sendTimeout = c.duration(c.next(), "\"send-timeout\"");
                if (sendTimeout.isZero()) {
                    throw c.error(c.previous(), "expected a duration longer than zero after \"send-timeout\" but"
                            + " found " + c.previous().describe());
                }
            } else if (opt.is("lenient")) {
                lenient = true;
            } else {
                throw c.err(opt, "\"as NAME\", \"subprotocol P\", \"tls\", \"max-message-size SIZE\", \"send-timeout D\","
                        + " \"lenient\" or the end of the line");
            }
        }
        c.eol();
        scope.vars.add(name + ".url");
        scope.vars.add(name + ".port");
        scope.servers.put(name, new Scope.DeclaredServer(false, tls));
        return c.step(first, new Server(kind.is("broadcast"), name, subprotocols, tls, maxMessageBytes, sendTimeout,
                lenient));
    }
}
