package dev.wstest.benchmarks.e2e;

import dev.wstest.benchmarks.Section;
import dev.wstest.benchmarks.Settings;
import dev.wstest.benchmarks.peers.EchoServer;
import dev.wstest.benchmarks.peers.NodeWsServer;
import dev.wstest.benchmarks.report.Numbers;
import dev.wstest.benchmarks.report.Row;
import dev.wstest.conformance.ConformanceReport;
import dev.wstest.conformance.ConformanceRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of the whole conformance suite against ws-test's embedded (Tyrus) echo server, the same Tyrus
 * container without recording, and node ws; servers alternate, medians.
 */
public final class ConformanceSection implements Section {

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public List<Row> run(Settings settings) throws Exception {
        List<String> servers = new ArrayList<>(List.of("ws-test", "tyrus"));
        if (NodeWsServer.available()) {
            servers.add("node");
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Integer> cases = new LinkedHashMap<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (String server : servers) {
                System.out.printf("  conformance round %d/%d: %s%n", round, settings.rounds(), server);
                try (EchoServer echo = EchoServer.start(server)) {
                    long start = System.nanoTime();
                    ConformanceReport report = ConformanceRunner.builder(echo.uri()).run();
                    seconds.computeIfAbsent(server, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
                    cases.put(server, report.results().size());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(name(), "conformance suite wall, ws-test echo server", "s", Numbers.median(seconds.get("ws-test")))
                .against("Tyrus, no recording", Numbers.median(seconds.get("tyrus")))
                .note(cases.get("ws-test") + " cases, in this JVM, " + settings.rounds() + " alternating run(s), median"));
        if (seconds.containsKey("node")) {
            rows.add(Row.of(name(), "conformance suite wall, node ws server", "s", Numbers.median(seconds.get("node"))));
        }
        return rows;
    }
}
