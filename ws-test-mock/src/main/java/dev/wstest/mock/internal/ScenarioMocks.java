package dev.wstest.mock.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.mock.Action;
import dev.wstest.mock.ConnectionPolicy;
import dev.wstest.mock.Delivery;
import dev.wstest.mock.Faults;
import dev.wstest.mock.HandshakeRules;
import dev.wstest.mock.HttpAnswer;
import dev.wstest.mock.MessagePattern;
import dev.wstest.mock.MockAssertions;
import dev.wstest.mock.MockConnection;
import dev.wstest.mock.MockConnectionAssert;
import dev.wstest.mock.MockWsServer;
import dev.wstest.mock.Stub;
import dev.wstest.mock.Unmatched;
import dev.wstest.record.Redactor;
import dev.wstest.scenario.MockDefinition;
import dev.wstest.scenario.MockServerProvider;
import dev.wstest.scenario.ScenarioMock;
import dev.wstest.server.RecordedServerConnection;
import dev.wstest.server.ServerHandshake;
import dev.wstest.tls.TlsIdentity;
import dev.wstest.tls.TlsTrust;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** Starts the mocks scenarios declare ({@code server mock ...}): registered as the scenario language's provider. */
@API(status = INTERNAL, since = "0.1")
public final class ScenarioMocks implements MockServerProvider {

    @Override
    public ScenarioMock start(MockDefinition d, int port) {
        MockWsServer.Builder b = MockWsServer.builder().name(d.name()).port(port).variables(d.variables());
        if (d.tls()) {
            b.tls();
        }
        if (d.clientCertificate()) {
            b.requireClientCertificate();
        }
        if (d.lenient()) {
            b.lenient();
        }
        HandshakeRules.Builder rules = HandshakeRules.builder();
        ConnectionPolicy policy = ConnectionPolicy.defaults();
        HttpAnswer refuseFirst = null;
        int refuseCount = 0;
        String file = d.source().replaceFirst(":\\d+$", "");
        for (MockDefinition.Rule rule : d.rules()) {
            if (rule instanceof MockDefinition.RequireHeader r) {
                if (r.value().isPresent()) {
                    rules.requireHeader(r.header(), r.value().get());
                } else {
                    rules.requireHeader(r.header());
                }
                r.otherwise().ifPresent(a -> rules.refusal(answer(a)));
            } else if (rule instanceof MockDefinition.Refuse r) {
                if (r.first() == 0) {
                    rules.answerAll(answer(r.answer()));
                } else {
                    refuseFirst = answer(r.answer());
                    refuseCount = r.first();
                }
            } else if (rule instanceof MockDefinition.Subprotocols s) {
                rules.subprotocols(s.names().toArray(String[]::new));
            } else if (rule instanceof MockDefinition.ResponseHeader h) {
                rules.responseHeader(h.name(), h.value());
            } else if (rule instanceof MockDefinition.Unmatched u) {
                b.unmatched(Unmatched.valueOf(u.policy().name()));
            } else if (rule instanceof MockDefinition.Policy p) {
                policy = policy(policy, p);
            } else if (rule instanceof MockDefinition.Replay r) {
                b.replay(r.recording());
            } else if (rule instanceof MockDefinition.Stub s) {
                b.stub(stub(s, file));
            }
        }
        HandshakeRules built = rules.build();
        b.handshake(built).policy(policy);
        if (refuseFirst != null) {
            b.forNextConnections(refuseCount, built.toBuilder().answerAll(refuseFirst).build());
        }
        return new Adapter(b.start());
    }

    private static HttpAnswer answer(MockDefinition.Answer a) {
        HttpAnswer answer = HttpAnswer.status(a.status());
        for (Map.Entry<String, String> h : a.headers()) {
            answer = answer.header(h.getKey(), h.getValue());
        }
        return a.body().map(answer::body).orElse(answer);
    }

    private static ConnectionPolicy policy(ConnectionPolicy p, MockDefinition.Policy line) {
        return switch (line.kind()) {
            case PING_EVERY -> p.pingEvery(line.duration().orElseThrow());
            case WITHHOLD_PONGS -> p.withholdPongs();
            case NEVER_ANSWER_CLOSE -> p.neverAnswerClose();
            case STALL -> p.stall();
            case REPLY_DELAY -> p.replyDelay(line.duration().orElseThrow());
        };
    }

    private static Stub stub(MockDefinition.Stub s, String file) {
        Stub.Builder b;
        if (s.trigger() instanceof MockDefinition.OnConnect) {
            b = Stub.onConnect();
        } else if (s.trigger() instanceof MockDefinition.AfterMessages a) {
            b = Stub.afterMessages(a.count());
        } else {
            MockDefinition.OnMessage m = (MockDefinition.OnMessage) s.trigger();
            b = Stub.onMessage(m.regex().<MessagePattern>map(MessagePattern.TextMatching::new)
                    .orElseGet(() -> new MessagePattern.Custom(m.matcher(), m.example().orElse(null))));
        }
        b.name(file + ":" + s.line());
        for (MockDefinition.Reply r : s.replies()) {
            b.then(action(r));
        }
        return b.build();
    }

    private static Action action(MockDefinition.Reply r) {
        if (r instanceof MockDefinition.SendText t) {
            return new Action.SendText(t.text().toString(), t.fragments() > 1 ? Delivery.inFragments(t.fragments())
                    : Delivery.whole());
        }
        if (r instanceof MockDefinition.SendBinary bin) {
            return new Action.SendBinary(bin.data(), Delivery.whole());
        }
        if (r instanceof MockDefinition.SendPing p) {
            return new Action.SendPing(p.payload());
        }
        if (r instanceof MockDefinition.Every e) {
            return new Action.SendEvery(new Action.SendText(e.text().toString(), Delivery.whole()), e.period(),
                    e.times());
        }
        if (r instanceof MockDefinition.Pause p) {
            return new Action.Pause(p.duration());
        }
        if (r instanceof MockDefinition.Close c) {
            return new Action.Close(c.code(), c.reason());
        }
        if (r instanceof MockDefinition.Drop) {
            return Faults.dropConnection();
        }
        return switch (((MockDefinition.Fault) r).kind()) {
            case INVALID_UTF8 -> Faults.invalidUtf8();
            case RESERVED_BITS -> Faults.reservedBits(0b100, "reserved bits");
            case RESERVED_OPCODE -> Faults.reservedOpcode(0x3);
            case MASKED_FRAME -> Faults.maskedFrame("masked");
            case OVERSIZED_PING -> Faults.oversizedPing();
            case FRAGMENTED_PING -> Faults.fragmentedPing();
            case CONTINUATION_WITHOUT_START -> Faults.continuationWithoutStart();
            case RESET -> Faults.resetConnection();
            case HALF_CLOSE -> Faults.halfClose();
            case DROP_MID_MESSAGE -> Faults.dropMidMessage("fragment");
            case SECOND_CLOSE -> Faults.secondClose(4000, "second close");
            case STOP_READING -> Faults.stopReading();
        };
    }

    /** The mock as the scenario runner sees it: a recording server with the expectations of expect NAME received. */
    private static final class Adapter implements ScenarioMock {
        private final MockWsServer mock;

        Adapter(MockWsServer mock) {
            this.mock = mock;
        }

        private MockConnectionAssert on(int connection, Duration within) {
            MockConnection c;
            if (connection > 0) {
                c = mock.awaitConnection(connection, within);
            } else {
                mock.awaitConnection(1, within);
                c = mock.lastConnection().orElseThrow();
            }
            return MockAssertions.assertThat(c).within(within);
        }

        @Override
        public void expectMessage(int connection, boolean next, MessageMatcher matcher, String closestTo,
                                  Duration within) {
            MockConnectionAssert a = on(connection, within);
            if (next) {
                a.receivesNext(matcher);
            } else {
                a.receives(matcher, closestTo);
            }
        }

        @Override
        public void expectNothing(int connection, Duration during) {
            on(connection, during).receivesNoMessageDuring(during);
        }

        @Override
        public void expectControl(int connection, boolean ping, byte[] payload, Duration within) {
            MockConnectionAssert a = on(connection, within);
            if (ping) {
                if (payload == null) {
                    a.receivesPing();
                } else {
                    a.receivesPing(payload);
                }
            } else if (payload == null) {
                a.receivesPong();
            } else {
                a.receivesPong(payload);
            }
        }

        @Override
        public void expectCloseFrame(int connection, Integer code, Duration within) {
            MockConnectionAssert a = on(connection, within);
            if (code == null) {
                a.receivesCloseFrame();
            } else {
                a.receivesCloseFrame(code);
            }
        }

        @Override
        public void expectHandshakeHeader(int connection, String name, String value, String regex) {
            var h = on(connection, Duration.ofSeconds(2)).handshake();
            if (value != null) {
                h.hasHeader(name, value);
            } else if (regex != null) {
                h.hasHeaderMatching(name, regex);
            } else {
                h.hasHeader(name);
            }
        }

        @Override
        public void expectConnections(int count, Duration within) {
            MockAssertions.assertThat(mock).within(within).acceptsConnections(count);
        }

        @Override
        public Optional<TlsTrust> trust() {
            return mock.certificate().isPresent() ? Optional.of(mock.trust()) : Optional.empty();
        }

        @Override
        public Optional<TlsIdentity> clientIdentity() {
            return mock.clientIdentity();
        }

        @Override
        public Optional<String> unexpectedMessages() {
            return mock.unmatched() == Unmatched.FAIL ? mock.unexpectedMessages() : Optional.empty();
        }

        // RecordingServer, by delegation

        @Override
        public String name() {
            return mock.name();
        }

        @Override
        public URI uri() {
            return mock.uri();
        }

        @Override
        public URI uri(String path) {
            return mock.uri(path);
        }

        @Override
        public List<ServerHandshake> handshakes() {
            return mock.handshakes();
        }

        @Override
        public int handshakeCount() {
            return mock.handshakeCount();
        }

        @Override
        public List<? extends RecordedServerConnection> connections() {
            return mock.connections();
        }

        @Override
        public int connectionCount() {
            return mock.connectionCount();
        }

        @Override
        public int forgottenConnectionCount() {
            return mock.forgottenConnectionCount();
        }

        @Override
        public RecordedServerConnection awaitConnection(int count, Duration timeout) {
            return mock.awaitConnection(count, timeout);
        }

        @Override
        public boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
            return mock.awaitUntil(condition, timeout);
        }

        @Override
        public Redactor redactor() {
            return mock.redactor();
        }

        @Override
        public boolean isClosed() {
            return mock.isClosed();
        }

        @Override
        public String describeActivity() {
            return mock.describeActivity();
        }

        /** Closes the mock; an unmatched-FAIL report was the scenario's to give ({@link #unexpectedMessages()}). */
        @Override
        public void close() {
            try {
                mock.close();
            } catch (AssertionError reportedByTheRunner) {
                // the runner asked unexpectedMessages() before closing
            }
        }

        @Override
        public String toString() {
            return mock.toString();
        }
    }
}
