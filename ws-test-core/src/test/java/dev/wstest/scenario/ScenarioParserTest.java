package dev.wstest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command parses; every syntax error names file:line:column, what was expected and what was found. */
@Timeout(30)
class ScenarioParserTest {

    static final ScenarioVariables VARS = ScenarioVariables.builder().put("BASE", "ws://127.0.0.1:1")
            .put("TOKEN", "t0ken").build();

    static ScenarioFile parse(String text) {
        return ScenarioLoader.parse("t.ws", text, VARS);
    }

    static List<String> stepTexts(Scenario s) {
        return s.steps().stream().map(Step::text).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "server echo",
        "server broadcast as hub subprotocol chat.v1 subprotocol chat.v2",
        "connect ${BASE}/chat as alice header \"Authorization: Bearer ${TOKEN}\" subprotocol chat.v2 timeout 3s",
        "connect wss://127.0.0.1:1/x trust all",
        "connect wss://127.0.0.1:1/x trust \"cert.pem\"",
        "connect \"${BASE}/with space\"",
        "send text \"hi\"",
        "send text \"a long message\" in 3 frames",
        "send json {\"type\": \"say\", \"text\": \"hi\"}",
        "send binary hex \"0a ff 10\"",
        "send binary base64 \"AQID\"",
        "send binary file \"payload.bin\"",
        "send binary hex \"01\" hex \"02\"",
        "send fragments \"frag\" \"ment\" \"ed\"",
        "ping", "ping \"hb\"", "ping hex \"0102\"", "pong \"heartbeat\"",
        "close", "close 1000", "close 4001 \"bye\"",
        "expect text \"hi\"", "expect text contains \"h\" within 2s", "expect text matches \"h.*\" within 500ms",
        "expect next text \"hi\"",
        "expect json {\"a\": 1}", "expect json contains {\"a\": 1}", "expect json $.a = 1",
        "expect json $.user.name = \"bob\" within 1s", "expect json $['a'][0] = [1, 2]", "expect json $.ok = true",
        "expect binary hex \"0a\"", "expect binary base64 \"AQID\"",
        "expect ping", "expect pong \"hb\" within 1s", "expect pong hex \"0102\"",
        "expect closed", "expect closed 1000", "expect closed 4001 \"bye\" within 3s",
        "expect nothing within 500ms", "expect no message within 1s",
        "expect handshake status 101", "expect handshake header Sec-WebSocket-Protocol = chat.v2",
        "expect handshake header X-Id", "expect handshake header X-Id matches \"[a-f0-9]+\"",
        "expect subprotocol chat.v2", "expect no subprotocol",
        "capture json $.id as id", "capture regex \"id=(\\\\d+)\" as id",
        "sleep 100ms", "wait 1.5s",
    })
    @DisplayName("every command parses")
    void everyCommandParses(String step) {
        String text = "connect ws://127.0.0.1:1/\n" + step + "\n";
        ScenarioFile file = parse(text);
        assertThat(file.scenarios()).hasSize(1);
        assertThat(stepTexts(file.scenarios().get(0))).containsExactly("connect ws://127.0.0.1:1/", step);
    }

    @Test
    void namedScenariosSetupVarsRepeatAndComments() {
        ScenarioFile file = parse(String.join("\n",
                "# a comment",
                "var ROOM = lobby",
                "setup",
                "  server broadcast as hub",
                "scenario \"one\"   # trailing comment",
                "  connect ${hub.url}/${ROOM} as alice",
                "  repeat 3 as i",
                "    send alice text \"n${i}\"",
                "  end",
                "scenario \"two\"",
                "  connect ${hub.url} as bob",
                "  send json {",
                "    \"multi\": \"line\"",
                "  }",
                "  expect bob json {\"multi\": \"line\"}"));
        assertThat(file.scenarios()).extracting(Scenario::name).containsExactly("one", "two");
        Scenario one = file.scenarios().get(0);
        assertThat(one.line()).isEqualTo(5);
        assertThat(stepTexts(one)).containsExactly("var ROOM = lobby", "server broadcast as hub",
                "connect ${hub.url}/${ROOM} as alice", "repeat 3 as i");
        assertThat(one.steps().get(2).line()).isEqualTo(6);
        assertThat(stepTexts(file.scenarios().get(1))).contains("send json {\n    \"multi\": \"line\"\n  }");
    }

    @Test
    void aFileWithoutScenarioHeadersIsOneScenarioNamedAfterTheFile() {
        ScenarioFile file = ScenarioLoader.parse("dir/recorded.ws", "connect ws://127.0.0.1:1/\nsend text \"x\"\n",
                VARS);
        assertThat(file.scenarios()).singleElement().extracting(Scenario::name).isEqualTo("recorded");
    }

    @Test
    void stepsBeforeTheFirstScenarioAreSharedByAll() {
        ScenarioFile file = parse("server echo\nscenario \"a\"\nconnect ${server.url}\nscenario \"b\"\n"
                + "connect ${server.url}/b\n");
        assertThat(file.scenarios()).extracting(ScenarioParserTest::stepTexts).containsExactly(
                List.of("server echo", "connect ${server.url}"), List.of("server echo", "connect ${server.url}/b"));
    }

    @Test
    void stepsShowVariablesNotTheirValues() {
        Scenario s = parse("connect ${BASE} header \"Authorization: Bearer ${TOKEN}\"").scenarios().get(0);
        assertThat(s.steps().get(0).text()).contains("${TOKEN}").doesNotContain("t0ken");
    }

    @Test
    void secretHeaderValuesWrittenInTheFileAreRedactedInStepTexts() {
        Scenario s = parse("connect ${BASE} header \"Authorization: Bearer abc123\" header \"X-Api-Key: k\\\"y\" "
                + "header \"X-Trace: visible\"").scenarios().get(0);
        assertThat(s.steps().get(0).text()).isEqualTo("connect ${BASE} header \"Authorization: Bearer <redacted 6"
                + " chars>\" header \"X-Api-Key: <redacted 3 chars>\" header \"X-Trace: visible\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        conect ws://x/                          | 1:1 | expected a command (scenario, setup, var, include, server, connect, send, ping, pong, close, expect, capture, repeat, end, sleep, wait); did you mean "connect"? but found "conect"
        connect                                 | 1:8 | expected a URL after "connect", like ws://127.0.0.1:8080/chat or ${server.url}/chat but found the end of the line
        connect http://x/                       | 1:9 | expected a ws:// or wss:// URL but found "http://x/"
        connect ws://x/ as                      | 1:19 | expected a connection name after "as" (letters, digits, '_' and '-') but found the end of the line
        connect ws://x/ as text                 | 1:20 | expected a connection name after "as" that is not a keyword but found "text"
        connect ws://x/ header X                | 1:24 | expected a header in double quotes after "header", like header "Authorization: Bearer ${TOKEN}" but found "X"
        connect ws://x/ header "X"              | 1:24 | expected a header as "Name: value" but found the string "X"
        connect ws://x/ timeout 2x              | 1:25 | expected a duration like 500ms, 1.5s or 2m after "timeout" but found "2x": the units are ms, s and m
        connect ws://x/ trust some              | 1:23 | expected "all", a PEM certificate file in double quotes or a tls server of the scenario after "trust" but found "some"
        connect ws://x/ bogus                   | 1:17 | expected a connect option (as NAME, header "K: V", subprotocol P, timeout D, trust all, trust "cert.pem", trust SERVER, client certificate, max-message-size SIZE, lenient, deflate, expect refused) or the end of the line but found "bogus"
        connect ws://${NOPE}/                   | 1:14 | expected a defined variable but found ${NOPE}, which is not defined here: pass --var NOPE=..., put it in an env file or the environment, write var NOPE = ... in the file, capture it before this step, or give a default as ${NOPE:-value}
        send text "hi"                          | 1:1 | expected a connect step before "send" but found no connection opened so far
        server ftp                              | 1:8 | expected "echo", "broadcast" or "mock" after "server" but found "ftp"
        var = 1                                 | 1:5 | expected a variable name (a letter or _, then letters, digits, _, . or -) after "var" but found "="
        var X 1                                 | 1:7 | expected "=" after the variable name (var X = value) but found "1"
        sleep forever                           | 1:7 | expected a duration like 500ms, 1.5s or 2m after "sleep" but found "forever"
        scenario x                              | 1:10 | expected a scenario name in double quotes, like scenario "login works" but found "x"
        end                                     | 1:1 | expected a step but found "end" without a "repeat" to close
        repeat 0                                | 1:8 | expected how many times to repeat, like repeat 3 (1 to 1000000) but found "0"
        repeat 2                                | 1:1 | expected "end" to close this repeat block but found the end of the file
        "quoted"                                | 1:1 | expected a command (scenario, setup, var, include, server, connect, send, ping, pong, close, expect, capture, repeat, end, sleep, wait) but found the string "quoted"
        """)
    void syntaxErrorsAtFileStart(String text, String at, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("t.ws:" + at + ": " + problem)
                .satisfies(e -> assertThat(((ScenarioSyntaxException) e).problem()).isEqualTo(problem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        send                                    | 2:5 | expected what to send: text "...", json {...}, binary hex|base64|file "..." or fragments "..." "..." but found the end of the line
        send text hi                            | 2:11 | expected the text to send in double quotes but found "hi"
        send text "a" in 3 bits                 | 2:20 | expected "frames" (send text "..." in 3 frames) but found "bits"
        send json "x"                           | 2:11 | expected a JSON object or array to send, like {"type": "hello"} but found the string "x"
        send json {"a": }                       | 2:17 | expected valid JSON but found an error: Unexpected character ('}' (code 125)): expected a valid value
        send json {"a": 1                       | 2:11 | expected the JSON value that starts here to be closed with "}" but found the end of the file
        send json {"a": [1}                     | 2:19 | expected "]" to close the JSON "[" but found "}"
        send binary hex "0g"                    | 2:17 | expected hex digits in pairs, like "0a ff 10", but found the string "0g"
        send binary base64 "!!"                 | 2:20 | expected base64 but found the string "!!" (Illegal base64 character 21)
        send binary utf8 "x"                    | 2:13 | expected "hex", "base64" or "file" before the payload but found "utf8"
        send bob text "x"                       | 2:6 | expected a connection opened earlier (a) but found "bob"; open it first with connect URL as bob
        send a txt "x"                          | 2:8 | expected what to send: text "...", json {...}, binary hex|base64|file "..." or fragments "..." "..." but found "txt"
        send text "unterminated                 | 2:11 | expected a closing " for the string that starts here but found the end of the line
        send text "bad \\q escape"              | 2:16 | expected an escape (\\" \\\\ \\n \\t \\r \\$ \\uXXXX) but found "\\q"
        close 999                               | 2:7 | expected a close code that may be sent (1000-1003, 1007-1014, 3000-4999) but found 999
        close 1012                              | 2:7 | close code 1012 (Service Restart) cannot be sent by a ws-test client: Tyrus's client replaces it with 1000 on the wire. Servers normally send it; a mock can (on text "..." close 1012), and a raw connection can write the frame itself
        close 1013 "later"                      | 2:7 | close code 1013 (Try Again Later) cannot be sent by a ws-test client: Tyrus's client replaces it with 1000 on the wire. Servers normally send it; a mock can (on text "..." close 1013), and a raw connection can write the frame itself
        close abc                               | 2:7 | expected a connection opened earlier (a) but found "abc"; open it first with connect URL as abc
        close 1000 bye                          | 2:12 | expected the close reason in double quotes or the end of the line but found "bye"
        ping "x" "y"                            | 2:10 | expected the end of the line but found the string "y"
        expect                                  | 2:7 | expected what to expect: text, json, binary, ping, pong, closed, nothing, no message, no violations, handshake, subprotocol or no subprotocol but found the end of the line
        expect txt "x"                          | 2:8 | expected "binary", "closed", "handshake", "json", "next", "no", "nothing", "ping", "pong", "subprotocol", "text" (after an optional connection name) but found "txt"
        expect text "x" within soon             | 2:24 | expected a duration like 500ms, 1.5s or 2m after "within" but found "soon"
        expect text "x" inside 2s               | 2:17 | expected the end of the line but found "inside"
        expect text matches "(unclosed"         | 2:31 | expected a valid regular expression but found the string "(unclosed": Unclosed group
        expect json $.a                         | 2:16 | expected "=" and the expected value after the JSONPath but found the end of the line
        expect json $.a = hello                 | 2:19 | expected a JSON value ("text" in double quotes, number, true, false, null, {...} or [...]) but found "hello"
        expect json $..a = 1                    | 2:15 | expected a field name after "." in the JSONPath but found "."
        expect json $.a[*] = 1                  | 2:17 | expected an index like [0] or a quoted name like ['id'] in the JSONPath but found "[*]" (wildcards and filters are not supported)
        expect next closed                      | 2:13 | expected "text", "json" or "binary" after "next" but found "closed"
        expect nothing                          | 2:15 | expected "within" and how long to watch, like nothing within 500ms but found the end of the line
        expect no way                           | 2:11 | expected "message", "subprotocol" or "violations" after "no" but found "way"
        expect handshake code 101               | 2:18 | expected "status", "header" or "extension" after "handshake" but found "code"
        expect handshake status ok              | 2:25 | expected an HTTP status like 101 but found "ok"
        expect handshake header X ~ y           | 2:27 | expected "= value", "matches \\"regex\\"" or the end of the line but found "~"
        expect closed soon                      | 2:15 | expected a close code, "cleanly", "uncleanly", "abnormally", "within D" or the end of the line but found "soon"
        capture json id as x                    | 2:14 | expected a JSONPath starting with "$" but found "id"
        capture xml $.a as x                    | 2:9 | expected "json", "regex" (after an optional connection name) but found "xml"
        capture json $.id into x                | 2:19 | expected "as" and a variable name (capture ... as NAME) but found "into"
        send text "${later}"                    | 2:12 | expected a defined variable but found ${later}, which is not defined here: pass --var later=..., put it in an env file or the environment, write var later = ... in the file, capture it before this step, or give a default as ${later:-value}
        send text "${}"                         | 2:12 | expected a name in ${} (a letter or _, then letters, digits, _, . or -) but found nothing
        """)
    void syntaxErrorsAfterAConnect(String step, String at, String problem) {
        assertThatThrownBy(() -> parse("connect ws://127.0.0.1:1/ as a\n" + step + "\ncapture json $.x as later\n"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("t.ws:" + at + ": " + problem);
    }

    @Test
    void theMessageShowsTheLineWithACaret() {
        assertThatThrownBy(() -> parse("connect ws://127.0.0.1:1/\n  expect text \"x\" within 2x\n"))
                .hasMessage("t.ws:2:26: expected a duration like 500ms, 1.5s or 2m after \"within\" but found"
                        + " \"2x\": the units are ms, s and m\n"
                        + "    expect text \"x\" within 2x\n"
                        + "                           ^");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        scenario "a"\\nscenario "a"                     | 2:10 | expected a scenario name not used before in this file but found the string "a" a second time
        scenario "a"\\nsetup                            | 2:1 | expected "setup" once, before the first scenario, but found it after a scenario
        scenario "a"\\ninclude "x.ws"                   | 2:1 | expected "include" before the first scenario but found it inside scenario "a"
        include "does-not-exist.ws"                     | 1:9 | expected a readable file to include but found none at
        """)
    void fileStructureErrors(String text, String at, String problem) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("t.ws:" + at + ": " + problem);
    }

    @Test
    void capturedVariablesAreKnownAfterTheCaptureOnly() {
        parse("connect ws://127.0.0.1:1/\nexpect json {\"id\": 1}\ncapture json $.id as id\nsend text \"${id}\"");
        assertThatThrownBy(() -> parse("connect ws://127.0.0.1:1/\nsend text \"${id}\"\ncapture json $.id as id"))
                .hasMessageStartingWith("t.ws:2:12: expected a defined variable but found ${id}");
    }

    @Test
    void defaultsAndEscapesNeedNoDefinition() {
        Scenario s = parse("connect ${URL:-ws://127.0.0.1:1/}\nsend text \"\\${literal} $${also}\"").scenarios().get(0);
        assertThat(s.steps()).hasSize(2);
    }

    @Test
    void environmentAndEnvFileVariablesAreKnownAtLoadTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path env = dir.resolve("ci.env");
        java.nio.file.Files.writeString(env, "# comment\nexport HOST=127.0.0.1\nPORT='1'\n");
        ScenarioVariables vars = ScenarioVariables.builder().environment(Map.of("FROM_ENV", "x")).envFile(env)
                .put("PORT", "2").build();
        assertThat(vars.get("HOST")).contains("127.0.0.1");
        assertThat(vars.get("PORT")).contains("2");
        ScenarioLoader.parse("t.ws", "connect ws://${HOST}:${PORT}/${FROM_ENV}", vars);
        java.nio.file.Files.writeString(env, "NOT A LINE\n");
        assertThatThrownBy(() -> ScenarioVariables.builder().envFile(env))
                .hasMessage(env + ":1: expected NAME=value but found \"NOT A LINE\"");
    }

    @Test
    void includesShareVarsAndSetupAndDetectCycles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("common.ws"), "var ROOM = lobby\nsetup\nserver echo as srv\n");
        java.nio.file.Files.writeString(dir.resolve("main.ws"), "include \"common.ws\"\nscenario \"s\"\n"
                + "connect ${srv.url}/${ROOM}\n");
        ScenarioFile file = ScenarioLoader.load(dir.resolve("main.ws"), ScenarioVariables.none());
        Scenario s = file.scenarios().get(0);
        assertThat(stepTexts(s)).containsExactly("var ROOM = lobby", "server echo as srv", "connect ${srv.url}/${ROOM}");
        assertThat(s.steps().get(1).source()).endsWith("common.ws");

        java.nio.file.Files.writeString(dir.resolve("a.ws"), "include \"b.ws\"\n");
        java.nio.file.Files.writeString(dir.resolve("b.ws"), "include \"a.ws\"\n");
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("a.ws"), ScenarioVariables.none()))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageContaining("b.ws:1:9: expected an include that does not lead back to an including file"
                        + " but found a cycle");
    }
}
