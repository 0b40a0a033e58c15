package dev.wstest.scenario.internal;

import dev.wstest.server.ServerBehaviour;
import dev.wstest.server.WsServer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code server echo|broadcast [as NAME] [subprotocol P]... [tls]}: an embedded server on an ephemeral port,
 * defining {@code ${NAME.url}} and {@code ${NAME.port}}; {@code server mock ...} is read by {@link MockSteps}.
 */
final class ServerSteps implements StepSyntax {

    private final Cursor c;
    private final MockSteps mocks;

    ServerSteps(Cursor c, MockSteps mocks) {
        this.c = c;
        this.mocks = mocks;
    }

    record Server(boolean broadcast, String name, List<String> subprotocols, boolean tls) implements StepAction {
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
                subprotocols.add(p.text());
            } else {
                throw c.err(opt, "\"as NAME\", \"subprotocol P\", \"tls\" or the end of the line");
            }
        }
        c.eol();
        scope.vars.add(name + ".url");
        scope.vars.add(name + ".port");
        scope.servers.put(name, new Scope.DeclaredServer(false, tls));
        return c.step(first, new Server(kind.is("broadcast"), name, subprotocols, tls));
    }
}
