package dev.wstest.scenario.internal;

import dev.wstest.client.WsClient;
import dev.wstest.protocol.CloseCodes;
import dev.wstest.scenario.internal.Payload.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the client sends: {@code send [C] text|json|binary|fragments ...}, {@code ping|pong [C] [payload]} and
 * {@code close [C] [CODE ["reason"]]}.
 */
final class SendSteps implements StepSyntax {

    private static final Set<String> SEND_WORDS = Set.of("text", "json", "binary", "fragments");
    private static final Set<String> CONTROL_WORDS = Set.of("hex", "base64");

    private final Cursor c;
    private final Values values;

    SendSteps(Cursor c, Values values) {
        this.c = c;
        this.values = values;
    }

    /** A text message (also {@code send json}), in one frame or split into {@code frames}. */
    record Text(String conn, Template text, int frames) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            WsClient client = ctx.client(conn);
            if (frames > 1) {
                client.sendTextInFrames(ctx.render(text), frames);
            } else {
                client.sendText(ctx.render(text));
            }
        }
    }

    /** One text message as consecutive frames, one per part (one part: a single frame). */
    record Fragments(String conn, List<Template> parts) implements StepAction {
        Fragments {
            parts = List.copyOf(parts);
        }

        @Override
        public void run(RunContext ctx) {
            List<String> texts = new ArrayList<>();
            for (Template t : parts) {
                texts.add(ctx.render(t));
            }
            if (texts.size() == 1) {
                ctx.client(conn).sendText(texts.get(0));
            } else {
                ctx.client(conn).sendTextFragments(texts);
            }
        }
    }

    /** A binary message; several parts are the frames of one fragmented message. */
    record Binary(String conn, List<Payload> parts) implements StepAction {
        Binary {
            parts = List.copyOf(parts);
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            List<byte[]> data = new ArrayList<>();
            for (Payload p : parts) {
                data.add(p.bytes(ctx));
            }
            if (data.size() == 1) {
                ctx.client(conn).sendBinary(data.get(0));
            } else {
                ctx.client(conn).sendBinaryFragments(data);
            }
        }
    }

    /** A ping or an unsolicited pong; {@code payload} null for none. */
    record Control(String conn, boolean ping, Payload payload) implements StepAction {
        @Override
        public void run(RunContext ctx) throws Exception {
            byte[] data = payload == null ? new byte[0] : payload.bytes(ctx);
            if (ping) {
                ctx.client(conn).sendPing(data);
            } else {
                ctx.client(conn).sendPong(data);
            }
        }
    }

    /** The closing handshake; {@code reason} null for none. */
    record Close(String conn, int code, Template reason) implements StepAction {
        @Override
        public void run(RunContext ctx) {
            ctx.client(conn).close(code, reason == null ? "" : ctx.render(reason));
        }
    }

    @Override
    public List<String> commands() {
        return List.of("send", "ping", "pong", "close");
    }

    @Override
    public ScenarioStep parse(Token first, Scope scope) {
        StepAction action = switch (first.text()) {
            case "send" -> send(first, scope);
            case "close" -> close(first, scope);
            default -> control(first, scope);
        };
        return c.step(first, action);
    }

    private StepAction send(Token first, Scope scope) {
        String conn = scope.connection(c, first, SEND_WORDS);
        Token kind = c.next();
        switch (kind.kind() == Token.Kind.WORD ? kind.text() : "") {
            case "text": {
                Template t = values.string(scope, "the text to send in double quotes");
                int frames = 1;
                if (c.accept("in")) {
                    frames = c.positive(c.next(), "a number of frames after \"in\"", 10_000);
                    Token f = c.next();
                    if (!f.is("frames") && !f.is("frame")) {
                        throw c.err(f, "\"frames\" (send text \"...\" in 3 frames)");
                    }
                }
                c.eol();
                return new Text(conn, t, frames);
            }
            case "json": {
                Template t = values.json(scope, "a JSON object or array to send, like {\"type\": \"hello\"}");
                c.eol();
                return new Text(conn, t, 1);
            }
            case "binary": {
                List<Payload> parts = new ArrayList<>();
                parts.add(values.payload(scope, true, "the payload in double quotes"));
                Encoding enc = parts.get(0).encoding();
                while (!c.atEol()) {
                    if (values.encoding(c.next(), true) != enc) {
                        throw c.err(c.previous(), "every fragment in the same encoding (" + Values.lower(enc) + ")");
                    }
                    parts.add(values.checkedPayload(enc, values.string(scope, "the next fragment in double quotes")));
                }
                c.eol();
                return new Binary(conn, parts);
            }
            case "fragments": {
                List<Template> parts = new ArrayList<>();
                parts.add(values.string(scope, "the first fragment in double quotes"));
                while (!c.atEol()) {
                    parts.add(values.string(scope, "the next fragment in double quotes or the end of the line"));
                }
                c.eol();
                return new Fragments(conn, parts);
            }
            default:
                throw c.err(kind, "what to send: text \"...\", json {...}, binary hex|base64|file \"...\" or"
                        + " fragments \"...\" \"...\"");
        }
    }

    private StepAction control(Token first, Scope scope) {
        String conn = scope.connection(c, first, CONTROL_WORDS);
        Payload payload = values.controlPayload(scope);
        if (payload != null && payload.value().isPlain() && payload.encoding() == Encoding.TEXT
                && payload.value().raw().getBytes(StandardCharsets.UTF_8).length > 125) {
            throw c.error(c.previous(), "expected a control frame payload of at most 125 bytes but found "
                    + payload.value().raw().getBytes(StandardCharsets.UTF_8).length);
        }
        c.eol();
        return new Control(conn, first.is("ping"), payload);
    }

    private StepAction close(Token first, Scope scope) {
        String conn = scope.connection(c, first, Set.of());
        int code = 1000;
        Template reason = null;
        if (!c.atEol()) {
            code = closeCode(c.next());
            if (!c.atEol()) {
                reason = values.string(scope, "the close reason in double quotes or the end of the line");
                if (reason.isPlain() && reason.raw().getBytes(StandardCharsets.UTF_8).length > 123) {
                    throw c.error(c.previous(), "expected a close reason of at most 123 bytes but found "
                            + reason.raw().getBytes(StandardCharsets.UTF_8).length);
                }
            }
        }
        c.eol();
        return new Close(conn, code, reason);
    }

    private int closeCode(Token t) {
        if (t.kind() != Token.Kind.WORD || !t.text().matches("\\d{1,4}")) {
            throw c.err(t, "a close code (1000, 1001, 3000-4999)");
        }
        int code = Integer.parseInt(t.text());
        try {
            CloseCodes.checkSendable(code, "");
        } catch (IllegalArgumentException e) {
            throw c.error(t, "expected a close code that may be sent (1000-1003, 1007-1014, 3000-4999) but found "
                    + code);
        }
        if (code == CloseCodes.SERVICE_RESTART || code == CloseCodes.TRY_AGAIN_LATER) {
            // the rule WsClient.close(code, reason) applies at run time, said when the file loads
            throw c.error(t, "close code " + code + " (" + CloseCodes.name(code) + ") cannot be sent by a ws-test"
                    + " client: Tyrus's client replaces it with 1000 on the wire. Servers normally send it; a mock"
                    + " can (on text \"...\" close " + code + "), and a raw connection can write the frame itself");
        }
        return code;
    }
}
