package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.assertions.MessageMatcher;
import dev.wstest.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A canned behaviour of the mock: when something happens on a connection (it opens, a message matches, the
 * n-th message arrives), run these actions. Immutable; build one with the static factories, then the
 * builder's verbs, which are the client's ({@code sendText}, {@code sendBinary}, {@code sendPing},
 * {@code close}).
 *
 * <pre>{@code
 * Stub.onConnect().sendText("{\"type\":\"welcome\"}")
 * Stub.onText("ping").sendText("pong")
 * Stub.onJsonPath("$.op", "\"subscribe\"").sendText("{\"ack\":\"${$.id}\"}")     // value from the message
 *     .sendTextEvery(Duration.ofMillis(100), "{\"price\":${n}}", 5)                 // then 5 ticks
 * Stub.onTextMatching("hello (\\w+)").sendText("hi ${group.1}")
 * Stub.afterMessages(3).close(4000, "three is enough")
 * Stub.onText("x").path("/admin/*").subprotocol("v2").priority(10).times(1).sendText("once")
 * }</pre>
 *
 * <p><b>Which stub answers.</b> Of the stubs whose trigger, path and subprotocol fit, the one with the
 * highest {@link #priority()} wins, and among equals the one added first; one message triggers one message
 * stub. A stub with {@code times(n)} answers at most n times per connection. Connect stubs all run, in
 * priority order. {@code afterMessages(n)} stubs run when the connection's n-th message has arrived, after
 * the message's own stub.
 *
 * @param name        the name used in failure messages (derived from the trigger unless set)
 * @param trigger     what starts it
 * @param path        the request path it applies to: exact, or a prefix ending in {@code *}; null for any
 * @param subprotocol the negotiated subprotocol it applies to; null for any
 * @param priority    higher wins when several match
 * @param times       how often it may answer per connection; 0 for any number
 * @param actions     what it does, in order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Stub(String name, Trigger trigger, String path, String subprotocol, int priority, int times,
                   List<Action> actions) {

    public Stub {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        actions = List.copyOf(actions);
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative (0: any number), was " + times);
        }
        if (!(trigger instanceof Trigger.OnMessage)) {
            Action.messageReference(actions).ifPresent(text -> {
                throw new IllegalArgumentException("stub [" + name + "] sends \"" + text + "\", whose ${$...}"
                        + " refers into a message, but it runs " + (trigger instanceof Trigger.OnConnect
                        ? "on connect" : "after a count of messages") + ", where there is none: only a stub that"
                        + " answers a message (onText, onJson, onJsonPath, onBinary, ...) can use ${$.path}");
            });
        }
    }

    /** What starts a stub. */
    public sealed interface Trigger {
        /** The connection opened (right after the 101). */
        record OnConnect() implements Trigger {
        }

        /** A message matching the pattern arrived. */
        record OnMessage(MessagePattern pattern) implements Trigger {
            public OnMessage {
                Objects.requireNonNull(pattern, "pattern");
            }
        }

        /** The connection's {@code count}-th message (of any content) arrived. */
        record AfterMessages(int count) implements Trigger {
            public AfterMessages {
                if (count < 1) {
                    throw new IllegalArgumentException("afterMessages counts from 1, was " + count);
                }
            }
        }
    }

    /** Whether this stub applies to a connection on this path with this negotiated subprotocol. */
    public boolean appliesTo(String requestPath, String negotiatedSubprotocol) {
        if (path != null && !(path.endsWith("*") ? requestPath.startsWith(path.substring(0, path.length() - 1))
                : requestPath.equals(path))) {
            return false;
        }
        return subprotocol == null || subprotocol.equals(negotiatedSubprotocol);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("stub [").append(name).append(']');
        if (path != null) {
            sb.append(" on ").append(path);
        }
        if (subprotocol != null) {
            sb.append(" for subprotocol ").append(subprotocol);
        }
        if (priority != 0) {
            sb.append(" (priority ").append(priority).append(')');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ factories

    /** When the connection opens. */
    public static Builder onConnect() {
        return new Builder(new Trigger.OnConnect(), "on connect");
    }

    /** When a text message equal to {@code text} arrives. */
    public static Builder onText(String text) {
        return onMessage(new MessagePattern.Text(text));
    }

    /** When a text message containing {@code fragment} arrives. */
    public static Builder onTextContaining(String fragment) {
        return onMessage(new MessagePattern.TextContaining(fragment));
    }

    /** When a text message matching the regular expression entirely arrives; groups are {@code ${group.N}}. */
    public static Builder onTextMatching(String regex) {
        return onMessage(new MessagePattern.TextMatching(Pattern.compile(regex)));
    }

    /** When a JSON message equal to {@code json} arrives. */
    public static Builder onJson(String json) {
        return onMessage(new MessagePattern.Json(json));
    }

    /** When a JSON message containing {@code json} (a subset) arrives. */
    public static Builder onJsonContaining(String json) {
        return onMessage(new MessagePattern.JsonContaining(json));
    }

    /**
     * When a JSON message arrives whose value at {@code path} equals the JSON {@code expectedJson}
     * (note the quotes of a string: {@code onJsonPath("$.op", "\"subscribe\"")}).
     */
    public static Builder onJsonPath(String path, String expectedJson) {
        return onMessage(new MessagePattern.JsonPath(path, Objects.requireNonNull(expectedJson, "expectedJson")));
    }

    /** When a JSON message arrives whose value at {@code path} the regular expression matches entirely. */
    public static Builder onJsonPathMatching(String path, String regex) {
        return onMessage(new MessagePattern.JsonPathMatching(path, Pattern.compile(regex)));
    }

    /** When a binary message with exactly these bytes arrives. */
    public static Builder onBinary(byte[] data) {
        return onMessage(new MessagePattern.Binary(data));
    }

    /** When any message arrives (give it a low priority to make it the fallback). */
    public static Builder onAnyMessage() {
        return onMessage(new MessagePattern.AnyMessage());
    }

    /** When a message the assertion matcher accepts arrives ({@code MessageMatcher.jsonContaining(...)} etc.). */
    public static Builder onMessage(MessageMatcher matcher) {
        return onMessage(new MessagePattern.Custom(matcher));
    }

    /** When a message matching the pattern arrives. */
    public static Builder onMessage(MessagePattern pattern) {
        return new Builder(new Trigger.OnMessage(pattern), "on " + pattern.description());
    }

    /** When the connection's {@code count}-th message has arrived. */
    public static Builder afterMessages(int count) {
        return new Builder(new Trigger.AfterMessages(count), "after " + count + " message(s)");
    }

    /** Builds a {@link Stub}; the verbs add actions in order. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final Trigger trigger;
        private String name;
        private String path;
        private String subprotocol;
        private int priority;
        private int times;
        private final List<Action> actions = new ArrayList<>();

        private Builder(Trigger trigger, String defaultName) {
            this.trigger = trigger;
            this.name = defaultName;
        }

        /** The name shown in failure messages. */
        public Builder name(String newName) {
            this.name = Objects.requireNonNull(newName, "name");
            return this;
        }

        /** Only on this request path: exact, or a prefix ending in {@code *} ({@code /feed/*}). */
        public Builder path(String pathPattern) {
            this.path = Objects.requireNonNull(pathPattern, "path");
            return this;
        }

        /** Only on connections that negotiated this subprotocol. */
        public Builder subprotocol(String protocol) {
            this.subprotocol = Objects.requireNonNull(protocol, "subprotocol");
            return this;
        }

        /** Higher wins when several stubs match (default 0). */
        public Builder priority(int newPriority) {
            this.priority = newPriority;
            return this;
        }

        /** Answer at most {@code n} times per connection (default: any number). */
        public Builder times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + n);
            }
            this.times = n;
            return this;
        }

        /** Sends a text message (a template: {@code ${$.id}}, {@code ${header.X}}, ...; see {@link Action}). */
        public Builder sendText(String template) {
            return then(new Action.SendText(template, Delivery.whole()));
        }

        /** Sends a text message delivered as described ({@link Delivery#inFragments(int)}, ...). */
        public Builder sendText(String template, Delivery delivery) {
            return then(new Action.SendText(template, delivery));
        }

        /** Sends several text messages, one after the other. */
        public Builder sendTexts(String... templates) {
            for (String t : templates) {
                sendText(t);
            }
            return this;
        }

        public Builder sendBinary(byte[] data) {
            return then(new Action.SendBinary(data, Delivery.whole()));
        }

        public Builder sendBinary(byte[] data, Delivery delivery) {
            return then(new Action.SendBinary(data, delivery));
        }

        /** Sends a text message every {@code period}, {@code count} times (0: until the connection closes). */
        public Builder sendTextEvery(Duration period, String template, int count) {
            return then(new Action.SendEvery(new Action.SendText(template, Delivery.whole()), period, count));
        }

        public Builder sendPing(String payload) {
            return then(new Action.SendPing(payload.getBytes(StandardCharsets.UTF_8)));
        }

        /** Writes these frames exactly as given, legal or not. */
        public Builder sendFrames(Frame... frames) {
            return then(new Action.SendFrames(Arrays.asList(frames)));
        }

        /** Waits before the next action. */
        public Builder pause(Duration duration) {
            return then(new Action.Pause(duration));
        }

        /** Starts the closing handshake with this code and reason. */
        public Builder close(int code, String reason) {
            return then(new Action.Close(code, reason));
        }

        /** Closes TCP without a close frame (the client sees 1006). */
        public Builder dropConnection() {
            return then(new Action.DropConnection(false));
        }

        /** Adds actions, for example from {@link Faults}. */
        public Builder then(Action... more) {
            for (Action a : more) {
                actions.add(Objects.requireNonNull(a, "action"));
            }
            return this;
        }

        public Stub build() {
            return new Stub(name, trigger, path, subprotocol, priority, times, actions);
        }
    }
}
