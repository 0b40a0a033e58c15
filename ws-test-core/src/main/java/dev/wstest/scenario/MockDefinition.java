package dev.wstest.scenario;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A mock server as a scenario declares it ({@code server mock as NAME ... end}), ready to start: what a
 * {@link MockServerProvider} (ws-test-mock's) turns into a running mock. Values written with the scenario's
 * {@code ${variables}} are already substituted, except the texts a stub sends: those stay {@link TemplateText}s,
 * rendered by the mock for each message with its own names ({@code ${$.id}}, {@code ${message}},
 * {@code ${group.1}}, {@code ${header.X}}, {@code ${query.x}}, {@code ${path}}, {@code ${connection}},
 * {@code ${n}}) and then {@link #variables()}.
 *
 * @param name              the server's name; the scenario knows it as {@code ${NAME.url}}
 * @param tls               whether it serves {@code wss://} with the generated certificate
 * @param clientCertificate whether it requires the generated client certificate (mutual TLS)
 * @param lenient           whether a client that breaks RFC 6455 keeps its connection
 * @param rules             the lines of its block, in order
 * @param variables         the scenario's values of the variables its stub texts refer to
 * @param source            where it was declared ({@code file:line}), for messages
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MockDefinition(String name, boolean tls, boolean clientCertificate, boolean lenient, List<Rule> rules,
                             Map<String, String> variables, String source) {

    public MockDefinition {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        variables = Map.copyOf(variables);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The mock servers a scenario file declares before its first scenario (or in its only one), as they would
     * start: for {@code ws-test mock FILE.ws}, which serves them without running the scenario's other steps.
     *
     * @throws IllegalArgumentException if a mock refers to a value only a running scenario defines (a capture)
     */
    public static List<MockDefinition> declaredIn(ScenarioFile file, ScenarioVariables variables) {
        return dev.wstest.scenario.internal.MockDefinitions.declaredIn(file, variables);
    }

    /** One line of the block. */
    public sealed interface Rule {
    }

    /** An HTTP answer to an upgrade request that is refused. */
    public record Answer(int status, List<Map.Entry<String, String>> headers, Optional<String> body) {
        public Answer {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** {@code require header NAME [= VALUE] [else STATUS ...]}: upgrades without it are refused (401 by default). */
    public record RequireHeader(String header, Optional<String> value, Optional<Answer> otherwise) implements Rule {
    }

    /** {@code refuse [first N] STATUS ...}: the first {@code first} upgrades (every upgrade when 0) get this answer. */
    public record Refuse(int first, Answer answer) implements Rule {
    }

    /** {@code subprotocols P...}: the first one the client offers that is listed here is chosen. */
    public record Subprotocols(List<String> names) implements Rule {
        public Subprotocols {
            names = List.copyOf(names);
        }
    }

    /** {@code response header "Name: value"}: a header of the 101. */
    public record ResponseHeader(String name, String value) implements Rule {
    }

    /** What happens to a message no stub matched. */
    public enum UnmatchedPolicy {
        IGNORE, ECHO, FAIL
    }

    /** {@code unmatched ignore|echo|fail}. */
    public record Unmatched(UnmatchedPolicy policy) implements Rule {
    }

    /** How the mock behaves on every connection beyond its stubs. */
    public enum PolicyKind {
        /** {@code ping every D}. */
        PING_EVERY,
        /** {@code withhold pongs}: the client's pings go unanswered. */
        WITHHOLD_PONGS,
        /** {@code never answer close}. */
        NEVER_ANSWER_CLOSE,
        /** {@code stall}: the 101, then nothing at all. */
        STALL,
        /** {@code reply delay D}: every stub waits this long. */
        REPLY_DELAY
    }

    /** A connection policy line; the duration for those that take one. */
    public record Policy(PolicyKind kind, Optional<Duration> duration) implements Rule {
    }

    /** {@code replay "recorded.ws"}: a recorded session played back as the server side. */
    public record Replay(Recording recording) implements Rule {
    }

    /** {@code on ...|after N messages ...}: a stub. */
    public record Stub(Trigger trigger, List<Reply> replies, int line) implements Rule {
        public Stub {
            Objects.requireNonNull(trigger, "trigger");
            replies = List.copyOf(replies);
        }
    }

    /** When a stub answers. */
    public sealed interface Trigger {
    }

    /** {@code on connect}. */
    public record OnConnect() implements Trigger {
    }

    /**
     * {@code on text|json|binary ...} or {@code on any message}.
     *
     * @param description what it matches ({@code a text message equal to "ping"})
     * @param example     what a message is compared with to find the closest stub, if the pattern has one
     * @param regex       for {@code on text matches "..."}: the expression, whose groups the replies may use
     */
    public record OnMessage(MessageMatcher matcher, String description, Optional<String> example,
                            Optional<java.util.regex.Pattern> regex) implements Trigger {
    }

    /** {@code after N messages}: once the connection's N-th message arrived. */
    public record AfterMessages(int count) implements Trigger {
    }

    /** What a stub does, in order. */
    public sealed interface Reply {
    }

    /** {@code send text "..." [in N fragments]} (also {@code send json}); the text is rendered per message. */
    public record SendText(TemplateText text, int fragments) implements Reply {
    }

    /** {@code send binary hex|base64 "..."}. */
    public record SendBinary(byte[] data) implements Reply {
        public SendBinary {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** {@code send ping ["payload"]}. */
    public record SendPing(byte[] payload) implements Reply {
        public SendPing {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** {@code every D send text "..." [times N]}: {@code ${n}} counts 1, 2, ...; times 0: until the connection ends. */
    public record Every(Duration period, TemplateText text, int times) implements Reply {
    }

    /** {@code pause D}. */
    public record Pause(Duration duration) implements Reply {
    }

    /** {@code close [CODE ["reason"]]}. */
    public record Close(int code, String reason) implements Reply {
    }

    /** {@code drop}: TCP closed without a close frame (the client sees 1006). */
    public record Drop() implements Reply {
    }

    /** The faults a stub can commit by name ({@code fault invalid-utf8}). */
    public enum FaultKind {
        INVALID_UTF8("invalid-utf8"), RESERVED_BITS("reserved-bits"), RESERVED_OPCODE("reserved-opcode"),
        MASKED_FRAME("masked-frame"), OVERSIZED_PING("oversized-ping"), FRAGMENTED_PING("fragmented-ping"),
        CONTINUATION_WITHOUT_START("continuation-without-start"), RESET("reset"), HALF_CLOSE("half-close"),
        DROP_MID_MESSAGE("drop-mid-message"), SECOND_CLOSE("second-close"), STOP_READING("stop-reading");

        private final String word;

        FaultKind(String word) {
            this.word = word;
        }

        /** As written in a scenario. */
        public String word() {
            return word;
        }
    }

    /** {@code fault NAME}. */
    public record Fault(FaultKind kind) implements Reply {
    }
}
