package dev.wstest.benchmarks.report;

/**
 * One figure of the table: ws-test's value, the baseline measured in the same run (if the figure has one),
 * and the goal from issue 13.
 *
 * @param section  which part of the harness measured it (message, recorder, per-test, cli, scale, ...)
 * @param figure   what was measured, e.g. "round trip 64 B p50, ws-test server"
 * @param unit     the unit of value and baseline
 * @param value    ws-test's figure (median of the runs); null if it could not be measured
 * @param baselineName what it is compared with, e.g. "raw Tyrus client"; null without a baseline
 * @param baseline the baseline's figure, same unit
 * @param goal     the target, or null
 * @param note     how it was measured, or why it is missing
 */
public record Row(String section, String figure, String unit, Double value, String baselineName, Double baseline,
                  Goal goal, String note) {

    public static Row of(String section, String figure, String unit, Double value) {
        return new Row(section, figure, unit, value, null, null, null, null);
    }

    public Row against(String name, Double baselineValue) {
        return new Row(section, figure, unit, value, name, baselineValue, goal, note);
    }

    public Row goal(Goal g) {
        return new Row(section, figure, unit, value, baselineName, baseline, g, note);
    }

    public Row note(String n) {
        return new Row(section, figure, unit, value, baselineName, baseline, goal, n);
    }

    /** value / baseline; null without both. */
    public Double ratio() {
        if (value == null || baseline == null || baseline == 0) {
            return null;
        }
        return value / baseline;
    }

    /** Whether the goal is met; null without a goal or without the figures it needs. */
    public Boolean meetsGoal() {
        return goal == null ? null : goal.met(this);
    }

    public String goalText() {
        return goal == null ? null : goal.describe();
    }
}
