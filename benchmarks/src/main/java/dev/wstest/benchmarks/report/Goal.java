package dev.wstest.benchmarks.report;

/** What a figure should reach: a ratio against its baseline, or an absolute bound. */
public sealed interface Goal {

    /** How the goal reads in the table, e.g. "≥ 1.00×". */
    String describe();

    /** Whether the row meets it; null when the row lacks what the goal needs. */
    Boolean met(Row row);

    static Goal ratioAtLeast(double min) {
        return new RatioAtLeast(min);
    }

    static Goal ratioAtMost(double max) {
        return new RatioAtMost(max);
    }

    static Goal atMost(double max, String unit) {
        return new AtMost(max, unit);
    }

    /** Every one of {@code goals}. */
    static Goal all(Goal... goals) {
        return new All(java.util.List.of(goals));
    }

    record All(java.util.List<Goal> goals) implements Goal {
        @Override
        public String describe() {
            return String.join(" and ", goals.stream().map(Goal::describe).toList());
        }

        @Override
        public Boolean met(Row row) {
            boolean all = true;
            for (Goal g : goals) {
                Boolean m = g.met(row);
                if (m == null) {
                    return null;
                }
                all &= m;
            }
            return all;
        }
    }

    record RatioAtLeast(double min) implements Goal {
        @Override
        public String describe() {
            return String.format("≥ %.2f×", min);
        }

        @Override
        public Boolean met(Row row) {
            Double r = row.ratio();
            return r == null ? null : r >= min;
        }
    }

    record RatioAtMost(double max) implements Goal {
        @Override
        public String describe() {
            return String.format("≤ %.2f×", max);
        }

        @Override
        public Boolean met(Row row) {
            Double r = row.ratio();
            return r == null ? null : r <= max;
        }
    }

    record AtMost(double max, String unit) implements Goal {
        @Override
        public String describe() {
            return "≤ " + Numbers.format(max) + " " + unit;
        }

        @Override
        public Boolean met(Row row) {
            return row.value() == null ? null : row.value() <= max;
        }
    }
}
