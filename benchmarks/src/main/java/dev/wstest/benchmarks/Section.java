package dev.wstest.benchmarks;

import dev.wstest.benchmarks.report.Row;
import java.util.List;

/** One part of the run; it measures ws-test and its baselines interleaved and returns table rows. */
public interface Section {

    /** The name used by --only and in the table. */
    String name();

    List<Row> run(Settings settings) throws Exception;
}
