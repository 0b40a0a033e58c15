package dev.wstest.junit5.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class WsTestConfigurationTest {

    /** The parameters read the one duration notation (DurationSyntaxTest has every form). */
    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1.5s, 1500", "1m, 60000"})
    void parsesDurations(String text, long millis) {
        assertThat(WsTestConfiguration.parseDuration("k", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5         | expected a duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms",
        "250 ms    | expected a duration like 500ms, 1.5s or 2m but found \"250 ms\": write 250ms",
        "PT1.5S    | expected a duration like 500ms, 1.5s or 2m but found \"PT1.5S\": ISO-8601 is not read here;"
                + " write 1.5s",
        "0ms       | expected a duration longer than zero but found \"0ms\"",
    })
    void refusesWhatIsNotADurationNamingTheKeyAndTheFix(String text, String problem) {
        assertThatThrownBy(() -> WsTestConfiguration.parseDuration("wstest.expect.timeout", text))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("ws-test configuration parameter wstest.expect.timeout=\"" + text + "\": " + problem
                        + ". Set it in src/test/resources/junit-platform.properties or with"
                        + " -Dwstest.expect.timeout=...");
    }

    @Test
    void environmentVariableNames() {
        assertThat(Placeholders.envName("chat.api-key")).isEqualTo("CHAT_API_KEY");
    }
}
