package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.junit5.engine.ScenarioTestDescriptor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/** --include/--exclude: scenario names matched against globs ({@code *}, {@code ?}), case-insensitively. */
@API(status = INTERNAL, since = "0.1")
public final class ScenarioNameFilter implements PostDiscoveryFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    public ScenarioNameFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(ScenarioNameFilter::glob).collect(Collectors.toList());
        this.excludes = excludes.stream().map(ScenarioNameFilter::glob).collect(Collectors.toList());
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    public boolean accepts(String scenarioName) {
        String name = scenarioName.toLowerCase(Locale.ROOT);
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(name).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!(descriptor instanceof ScenarioTestDescriptor)) {
            return FilterResult.included("not a scenario");
        }
        String name = descriptor.getDisplayName();
        return accepts(name) ? FilterResult.included("name matches") : FilterResult.excluded("excluded by name");
    }
}
