package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.client.WsClient;
import dev.wstest.scenario.ScenarioVariables;
import dev.wstest.server.RecordingServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/** The state of one running scenario: variables, connections, embedded servers. Closed at the end. */
@API(status = INTERNAL, since = "0.1")
public final class RunContext implements AutoCloseable {

    private final ScenarioVariables external;
    private final Map<String, String> locals = new HashMap<>();
    private final Map<String, WsClient> clients = new LinkedHashMap<>();
    private final Map<String, RecordingServer> servers = new LinkedHashMap<>();
    /** The step that started each server, to blame for what a mock finds wrong at the end of the scenario. */
    private final Map<RecordingServer, ScenarioStep> startedBy = new java.util.IdentityHashMap<>();
    private ScenarioStep running;
    private final Duration defaultTimeout;
    private final Consumer<WsClient> onConnect;

    public RunContext(ScenarioVariables external, Duration defaultTimeout, Consumer<WsClient> onConnect) {
        this.external = external;
        this.defaultTimeout = defaultTimeout;
        this.onConnect = onConnect;
    }

    /** A captured or scenario-defined value first, then the outside; var lines set a scenario value if neither has one. */
    public String lookup(String name) {
        String v = locals.get(name);
        if (v == null) {
            v = external.get(name).orElse(null);
        }
        return v;
    }

    public String render(Template t) {
        return t.render(this::lookup);
    }

    public void set(String name, String value) {
        locals.put(name, value);
    }

    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    public WsClient client(String name) {
        WsClient c = clients.get(name);
        if (c == null) {
            throw new IllegalStateException("connection \"" + name + "\" is not open: its connect step did not run");
        }
        return c;
    }

    public void addClient(String name, WsClient client) {
        WsClient old = clients.put(name, client);
        if (old != null) {
            old.close();
        }
        onConnect.accept(client);
    }

    public void addServer(String name, RecordingServer server) {
        RecordingServer old = servers.put(name, server);
        if (running != null) {
            startedBy.put(server, running);
        }
        if (old != null) {
            old.close();
        }
    }

    /** The server a step names; the parser made sure it was declared before. */
    public RecordingServer server(String name) {
        RecordingServer s = servers.get(name);
        if (s == null) {
            throw new IllegalStateException("server \"" + name + "\" is not running: its server step did not run");
        }
        return s;
    }

    /** Which step runs now (the runner says so before each step). */
    public void running(ScenarioStep step) {
        this.running = step;
    }

    /** The step that started this server, if the runner said. */
    public java.util.Optional<ScenarioStep> startedBy(RecordingServer server) {
        return java.util.Optional.ofNullable(startedBy.get(server));
    }

    public List<WsClient> clients() {
        return new ArrayList<>(clients.values());
    }

    public List<RecordingServer> servers() {
        return new ArrayList<>(servers.values());
    }

    @Override
    public void close() {
        clients.values().forEach(WsClient::close);
        servers.values().forEach(RecordingServer::close);
    }
}
