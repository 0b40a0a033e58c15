package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random input never makes the loader throw anything but {@link ScenarioSyntaxException}, whose position is
 * always inside the text. Seeded, so a failure names the seed and input that reproduce it.
 */
@Timeout(60)
class ScenarioParserFuzzTest {

    static final String VALID = String.join("\n",
            "# sample",
            "var ROOM = lobby",
            "setup",
            "  server broadcast as hub subprotocol chat.v2",
            "scenario \"chat round trip\"",
            "  connect ${hub.url}/chat as alice header \"Authorization: Bearer ${T:-x}\" subprotocol chat.v2",
            "  expect alice handshake header Sec-WebSocket-Protocol = chat.v2",
            "  send alice json {\"type\": \"hello\", \"n\": [1, 2, {\"x\": null}]}",
            "  expect alice json {\"type\": \"hello\"} within 2s",
            "  capture alice json $.n[2]['x'] as aliceId",
            "  repeat 2 as i",
            "    send alice text \"n${i} \\u00e9 \\\"q\\\"\" in 2 frames",
            "    expect alice text matches \"n\\\\d.*\"",
            "  end",
            "  send alice binary hex \"0a ff\" hex \"01\"",
            "  ping alice hex \"01\"",
            "  expect alice pong within 1s",
            "  close alice 1000 \"bye\"",
            "  expect alice closed 1000",
            "scenario \"two\"",
            "  connect ws://127.0.0.1:1/ as bob",
            "  expect bob nothing within 500ms",
            "  sleep 10ms");

    static final List<String> VOCABULARY = List.of("scenario", "setup", "var", "include", "server", "echo",
            "connect", "send", "text", "json", "binary", "hex", "base64", "file", "fragments", "ping", "pong", "close",
            "expect", "next", "contains", "matches", "closed", "nothing", "no", "message", "handshake", "status",
            "header", "subprotocol", "capture", "regex", "as", "repeat", "end", "sleep", "within", "timeout", "trust",
            "all", "=", "$.a", "$[", "${", "${X}", "${X:-", "}", "{", "[", "]", "\"", "\"x\"", "\\", "#", "\n", "\r\n",
            "\r", "\t", " ", "ws://127.0.0.1:1/", "1000", "2s", "500ms", "3", "-1", "\u00e9", "\uFEFF", "\0", "alice");

    /** The token soups the fuzz test feeds the loader (seeded: the same 3000 inputs every run). */
    static List<String> soup() {
        Random random = new Random(4242);
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                sb.append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
                if (random.nextInt(3) > 0) {
                    sb.append(' ');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** Random edits of {@link #VALID} (seeded: the same 3000 inputs every run). */
    static List<String> mutations() {
        Random random = new Random(77);
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder(VALID);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, (char) (random.nextBoolean() ? 32 + random.nextInt(95)
                            : random.nextInt(0x3000)));
                    default -> sb.setCharAt(at, "{}[]\"\\$#\n =".charAt(random.nextInt(11)));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void randomTokenSoupOnlyEverRaisesSyntaxErrors() {
        List<String> inputs = soup();
        for (int n = 0; n < inputs.size(); n++) {
            check(inputs.get(n), "soup #" + n);
        }
    }

    @Test
    void mutationsOfAValidFileOnlyEverRaiseSyntaxErrors() {
        ScenarioLoader.parse("valid.ws", VALID, ScenarioVariables.none()); // the seed itself is valid
        List<String> inputs = mutations();
        for (int n = 0; n < inputs.size(); n++) {
            check(inputs.get(n), "mutation #" + n);
        }
    }

    private static void check(String text, String what) {
        try {
            ScenarioLoader.parse("fuzz.ws", text, ScenarioVariables.none());
        } catch (ScenarioSyntaxException e) {
            int lines = text.split("\r\n|\r|\n", -1).length;
            assertThat(e.line()).as("line of %s in %s", e.getMessage(), what).isBetween(1, lines);
            assertThat(e.column()).as("column of %s", e.getMessage()).isPositive();
            assertThat(e.problem()).startsWith("expected ");
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + " threw " + e + " for input:\n" + text, e);
        }
    }
}
