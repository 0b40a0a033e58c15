package dev.wstest.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one run: the machine, the command, and every figure with its baseline. Printed as one
 * table ({@link #table()}) and written as JSON ({@link #writeJson(Path)}).
 *
 * @param machine   where it ran
 * @param command   the command line that made it
 * @param mode      "full" or "quick"
 * @param started   when it started
 * @param took      how long it took
 * @param loadAfter load averages at the end
 * @param rows      the figures, in table order
 */
public record Report(Machine machine, String command, String mode, Instant started, Duration took, String loadAfter,
                     List<Row> rows) {

    private static final String[] HEADER = {"section", "figure", "ws-test", "baseline", "ratio", "goal", "met"};

    public Report {
        rows = List.copyOf(rows);
    }

    /** The table in Markdown (readable as plain text too), preceded by the machine and the command. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memoryMb()).append(" MB; ").append(machine.os()).append('\n');
        out.append("jvm:     ").append(machine.jvm()).append('\n');
        out.append("load:    ").append(machine.loadBefore()).append(" at start, ").append(loadAfter)
                .append(" at end (1/5/15 min)\n");
        out.append("run:     ").append(command).append(" (").append(mode).append(", ").append(started)
                .append(", took ").append(took.toSeconds()).append(" s)\n\n");
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            cells.add(new String[] {r.section(), r.figure(), value(r.value(), r.unit()),
                    r.baselineName() == null ? "" : r.baselineName() + ": " + value(r.baseline(), r.unit()),
                    r.ratio() == null ? "" : String.format("%.2f", r.ratio()),
                    r.goalText() == null ? "" : r.goalText(),
                    r.meetsGoal() == null ? "" : r.meetsGoal() ? "yes" : "NO"});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int n = 0; n < cells.size(); n++) {
            String[] row = cells.get(n);
            out.append('|');
            for (int i = 0; i < row.length; i++) {
                out.append(' ').append(pad(row[i], width[i], i >= 2 && i <= 4)).append(" |");
            }
            out.append('\n');
            if (n == 0) {
                out.append('|');
                for (int w : width) {
                    out.append("-".repeat(w + 2)).append('|');
                }
                out.append('\n');
            }
        }
        List<Row> noted = rows.stream().filter(r -> r.note() != null).toList();
        if (!noted.isEmpty()) {
            out.append('\n');
            for (Row r : noted) {
                out.append("- ").append(r.figure()).append(": ").append(r.note()).append('\n');
            }
        }
        return out.toString();
    }

    /** Writes the report as JSON (numbers unformatted, ratios and verdicts included). */
    public void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode m = root.putObject("machine");
        m.put("cpu", machine.cpu()).put("cores", machine.cores()).put("memoryMb", machine.memoryMb())
                .put("os", machine.os()).put("jvm", machine.jvm()).put("loadBefore", machine.loadBefore())
                .put("loadAfter", loadAfter);
        root.put("command", command).put("mode", mode).put("started", started.toString())
                .put("tookSeconds", took.toSeconds());
        ArrayNode list = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("section", r.section()).put("figure", r.figure()).put("unit", r.unit());
            o.put("value", r.value());
            o.put("baselineName", r.baselineName());
            o.put("baseline", r.baseline());
            o.put("ratio", r.ratio());
            o.put("goal", r.goalText());
            o.put("meetsGoal", r.meetsGoal());
            o.put("note", r.note());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), root);
    }

    private static String value(Double v, String unit) {
        return v == null ? "n/a" : Numbers.format(v) + " " + unit;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
