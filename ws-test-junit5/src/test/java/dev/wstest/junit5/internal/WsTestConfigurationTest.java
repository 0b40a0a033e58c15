package dev.wstest.junit5.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class WsTestConfigurationTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1m, 60000", "250 ms, 250", "2S, 2000", "PT1.5S, 1500", "pt2s, 2000"})
    void parsesDurations(String text, long millis) {
        assertThat(WsTestConfiguration.parseDuration("k", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 seconds", "1h", "1.5s", "-1s", "PTXS", "99999999999999999999s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> WsTestConfiguration.parseDuration("wstest.expect.timeout", text))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("wstest.expect.timeout=\"" + text + "\" is not a duration");
    }

    @Test
    void rejectsZero() {
        assertThatThrownBy(() -> WsTestConfiguration.parseDuration("k", "0ms"))
                .hasMessageContaining("must be longer than zero");
        assertThatThrownBy(() -> WsTestConfiguration.parseDuration("k", "PT0S"))
                .hasMessageContaining("must be longer than zero");
    }

    @Test
    void environmentVariableNames() {
        assertThat(Placeholders.envName("chat.api-key")).isEqualTo("CHAT_API_KEY");
    }
}
