package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.cli.internal.RunResults.Connection;
import dev.wstest.cli.internal.RunResults.FileResult;
import dev.wstest.cli.internal.RunResults.ScenarioResult;
import dev.wstest.cli.internal.RunResults.Status;
import dev.wstest.cli.internal.RunResults.StepResult;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apiguardian.api.API;

/**
 * JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one {@code <testsuite>} per file (named by
 * its dotted class name, in the order the files were given), one {@code <testcase>} per scenario in file
 * order, with {@code classname}, {@code file} and {@code line} (the failing step's line for a failure, so
 * annotations point at it). A failed expectation is a {@code <failure>}, an unexpected exception an
 * {@code <error>}, a file that did not load an errored test case. No JVM properties or command line.
 */
@API(status = INTERNAL, since = "0.1")
public final class JUnitXmlReport {

    /** The report's file name inside the reports folder. */
    public static final String FILE_NAME = "TEST-ws-test.xml";

    /** The name of the test case that stands for a file that did not load. */
    static final String LOAD_CASE = "(file does not load)";

    private static final int MAX_MESSAGE = 1000;

    private JUnitXmlReport() {
    }

    public static void write(RunResults results, ReportNames names, Path target) throws IOException {
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            write(results, names, w);
        }
    }

    static void write(RunResults results, ReportNames names, Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            List<FileResult> files = results.files();
            Counts all = new Counts();
            files.forEach(all::add);
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "ws-test");
            all.write(x, results.millis());
            for (FileResult f : files) {
                suite(x, f, names, results);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static final class Counts {
        int tests;
        int failures;
        int errors;
        int skipped;
        long millis;

        void add(FileResult f) {
            if (f.loadError().isPresent()) {
                tests++;
                errors++;
            }
            for (ScenarioResult s : f.scenarios()) {
                tests++;
                millis += s.millis();
                switch (s.status()) {
                    case FAILED -> {
                        if (s.isAssertion()) {
                            failures++;
                        } else {
                            errors++;
                        }
                    }
                    case SKIPPED -> skipped++;
                    default -> { }
                }
            }
        }

        void write(XMLStreamWriter x, long time) throws XMLStreamException {
            x.writeAttribute("tests", String.valueOf(tests));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", String.valueOf(errors));
            x.writeAttribute("skipped", String.valueOf(skipped));
            x.writeAttribute("time", seconds(time));
        }
    }

    private static void suite(XMLStreamWriter x, FileResult f, ReportNames names, RunResults results)
            throws XMLStreamException {
        String classname = names.className(f.source());
        String path = names.path(f.source());
        Counts counts = new Counts();
        counts.add(f);
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(classname));
        counts.write(x, counts.millis);
        x.writeAttribute("timestamp", results.started().toString());
        x.writeAttribute("file", clean(path));
        if (f.loadError().isPresent()) {
            RunResults.LoadError e = f.loadError().get();
            testcase(x, LOAD_CASE, classname, path, e.line(), 0);
            problem(x, "error", e.type(), e.message(), e.message());
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        for (ScenarioResult s : f.scenarios()) {
            boolean failed = s.status() == Status.FAILED;
            String file = failed && s.failedSource() != null ? names.path(s.failedSource()) : path;
            testcase(x, s.name(), classname, file, failed ? s.failedLine() : s.line(), s.millis());
            if (failed) {
                String message = s.message().orElse("(no message)");
                problem(x, s.isAssertion() ? "failure" : "error", s.failureType(), message, message);
            } else if (s.status() == Status.SKIPPED) {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", clean(s.message().orElse("")));
            }
            String out = systemOut(s);
            if (!out.isEmpty()) {
                x.writeCharacters("\n      ");
                x.writeStartElement("system-out");
                x.writeCharacters(clean(out));
                x.writeEndElement();
            }
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, String name, String classname, String file, int line, long millis)
            throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", clean(name));
        x.writeAttribute("classname", clean(classname));
        x.writeAttribute("file", clean(file));
        x.writeAttribute("line", String.valueOf(line));
        x.writeAttribute("time", seconds(millis));
    }

    private static void problem(XMLStreamWriter x, String element, String type, String message, String body)
            throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeStartElement(element);
        x.writeAttribute("type", type == null ? "" : type);
        x.writeAttribute("message", clean(summary(message)));
        x.writeCharacters(clean(body));
        x.writeEndElement();
    }

    /** The first two paragraphs on one line ("Step failed at f.ws:7: expect ... Expecting ..."), capped. */
    static String summary(String message) {
        String[] paragraphs = message.strip().split("\\R\\s*\\R", 3);
        String s = String.join(" ", List.of(paragraphs).subList(0, Math.min(2, paragraphs.length)))
                .replaceAll("\\s*\\R\\s*", " ").strip();
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE - 3) + "..." : s;
    }

    private static String systemOut(ScenarioResult s) {
        StringBuilder sb = new StringBuilder();
        for (StepResult step : s.steps()) {
            sb.append(step.passed() ? "ok    " : "FAIL  ").append(String.format(Locale.ROOT, "%4d", step.line()))
                    .append("  ").append(step.text().replace("\n", " "))
                    .append(step.round() == null ? "" : "  [round " + step.round() + "]")
                    .append("  ").append(step.millis()).append(" ms\n");
        }
        for (Connection c : s.connections()) {
            sb.append("\nconnection ").append(c.name()).append(" (").append(c.uri()).append(")\n")
                    .append(c.handshake()).append("\n\n").append(c.log()).append('\n');
        }
        return sb.toString();
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    /** Drops what XML 1.0 cannot hold (control characters other than tab and newlines, lone surrogates). */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(ch).append(s.charAt(++i));
            } else if (ch == '\t' || ch == '\n' || ch == '\r' || ch >= 0x20 && ch <= 0xD7FF
                    || ch >= 0xE000 && ch <= 0xFFFD) {
                sb.append(ch);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            }
        }
        return sb.toString();
    }
}
