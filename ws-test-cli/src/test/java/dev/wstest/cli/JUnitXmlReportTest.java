package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.cli.internal.ReportNames;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * ws-test run's JUnit XML as CI reporters read it, validated against the structure they expect
 * (src/test/resources/junit-xml.xsd) and checked element by element.
 */
@Timeout(120)
class JUnitXmlReportTest {

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static String validated(Path xml) throws Exception {
        String text = Files.readString(xml);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitXmlReportTest.class.getResource("/junit-xml.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(text)));
        return text;
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).collect(Collectors.toList());
    }

    static Map<String, String> attributes(Element e, String... names) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String n : names) {
            m.put(n, e.getAttribute(n));
        }
        return m;
    }

    @Test
    @DisplayName("dotted class names below the scenario root, file and line, file order, failures at the failing step")
    void classNamesFilesLinesAndOrder() throws Exception {
        StringBuilder many = new StringBuilder("server echo\n");
        for (int i = 1; i <= 4; i++) { // the slow ones first: they finish last when run in parallel
            many.append("scenario \"s").append(i).append("\"\n  connect ${server.url}\n")
                    .append(i <= 2 ? "  sleep 300ms\n" : "").append("  send text \"x\"\n  expect text \"x\"\n");
        }
        write("root/chat/login.v2.ws", many.toString());
        write("root/fail.ws", "server echo\nscenario \"good\"\n  connect ${server.url}\nscenario \"bad\"\n"
                + "  connect ${server.url} as c\n  send text \"hello \\u0001\"\n  expect text \"HELLO\" within 200ms\n");
        Path reports = dir.resolve("reports");
        Cli.Result r = Cli.run("run", dir.resolve("root").toString(), "--reports-dir", reports.toString(),
                "--parallel", "4");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SCENARIO_FAILED);

        String xml = validated(reports.resolve("TEST-ws-test.xml"));
        assertThat(xml).doesNotContain("<properties", "java.", "sun.", "user.dir", "--reports-dir");
        Document doc = parse(xml);
        assertThat(attributes(doc.getDocumentElement(), "tests", "failures", "errors", "skipped"))
                .containsExactly(Map.entry("tests", "6"), Map.entry("failures", "1"), Map.entry("errors", "0"),
                        Map.entry("skipped", "0"));
        assertThat(elements(doc, "testsuite")).extracting(e -> e.getAttribute("name"))
                .containsExactly("chat.login_v2", "fail");
        List<String> cases = new ArrayList<>();
        for (Element c : elements(doc, "testcase")) {
            cases.add(c.getAttribute("classname") + "#" + c.getAttribute("name") + "@" + c.getAttribute("line"));
        }
        assertThat(cases).containsExactly("chat.login_v2#s1@2", "chat.login_v2#s2@7", "chat.login_v2#s3@12",
                "chat.login_v2#s4@16", "fail#good@2", "fail#bad@7");
        Element bad = elements(doc, "testcase").get(5);
        assertThat(bad.getAttribute("file")).isEqualTo(dir.resolve("root/fail.ws").toRealPath().toString());
        Element failure = (Element) bad.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("dev.wstest.scenario.ScenarioFailure");
        assertThat(failure.getAttribute("message")).startsWith("Step failed at ")
                .contains("fail.ws:7: expect text \"HELLO\" within 200ms Expecting client \"c\"")
                .doesNotContain("\n");
        assertThat(failure.getTextContent()).contains("Frames since connect", "\"hello \\u0001\"");
        assertThat(bad.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("FAIL     7  expect text \"HELLO\" within 200ms", "connection c (ws://127.0.0.1:");
    }

    @Test
    @DisplayName("a file that does not load is an errored test case; the others are skipped, not missing")
    void aSyntaxErrorIsAnErroredTestCase() throws Exception {
        write("s/a_good.ws", "server echo\nscenario \"fine\"\n  connect ${server.url}\n");
        Path bad = write("s/bad.ws", "server echo\nconnect ${server.url}\nexpect txt \"x\"\n");
        Path reports = dir.resolve("reports");
        Cli.Result r = Cli.run("run", dir.resolve("s").toString(), "--reports-dir", reports.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(bad + ":3:8: expected");

        Document doc = parse(validated(reports.resolve("TEST-ws-test.xml")));
        assertThat(attributes(doc.getDocumentElement(), "tests", "failures", "errors", "skipped"))
                .containsExactly(Map.entry("tests", "2"), Map.entry("failures", "0"), Map.entry("errors", "1"),
                        Map.entry("skipped", "1"));
        List<Element> cases = elements(doc, "testcase");
        assertThat(attributes(cases.get(0), "name", "classname")).containsExactly(Map.entry("name", "fine"),
                Map.entry("classname", "a_good"));
        assertThat(cases.get(0).getElementsByTagName("skipped").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("not run: 1 file(s) could not be loaded");
        assertThat(attributes(cases.get(1), "name", "classname", "line")).containsExactly(
                Map.entry("name", "(file does not load)"), Map.entry("classname", "bad"), Map.entry("line", "3"));
        Element error = (Element) cases.get(1).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("dev.wstest.scenario.ScenarioSyntaxException");
        assertThat(error.getAttribute("message")).contains("bad.ws:3:8: expected", "but found \"txt\"");
        assertThat(error.getTextContent()).contains("  expect txt \"x\"\n         ^");
        assertThat(Files.readString(reports.resolve("ws-test-report.html")))
                .contains("the file does not load", "but found &quot;txt&quot;", "1 file(s) could not be run");
    }

    @Test
    @DisplayName("report names: paths relative to the working directory, class names relative to the root")
    void reportNames() throws Exception {
        Path f = write("scenarios/chat/login.ws", "server echo\n");
        ReportNames names = new ReportNames(dir);
        names.add(f, dir.resolve("scenarios"));
        assertThat(names.path(f.toString())).isEqualTo("scenarios/chat/login.ws".replace('/', java.io.File.separatorChar));
        assertThat(names.className(f.toString())).isEqualTo("chat.login");
        Path elsewhere = write("other/x.y.ws", "server echo\n");
        assertThat(names.className(elsewhere.toString())).as("not registered: its file name").isEqualTo("x_y");
        assertThat(new ReportNames(dir.resolve("other")).path(f.toString())).isEqualTo(f.toRealPath().toString());
    }
}
