package dev.wstest.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one duration notation: every accepted form, every refused one with its message, and format. */
@Timeout(10)
class DurationSyntaxTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource(delimiter = '|', value = {
        "500ms    | 500",
        "0ms      | 0",
        "0s       | 0",
        "2s       | 2000",
        "1.5s     | 1500",
        "0.25s    | 250",
        "1.0s     | 1000",
        "1.234s   | 1234",
        "2m       | 120000",
        "1.5m     | 90000",
        "007s     | 7000",
        "1440m    | 86400000",
        "86400s   | 86400000",
        "'  2s  ' | 2000",
    })
    void accepts(String text, long millis) {
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "5        | expected a duration like 500ms, 1.5s or 2m but found \"5\": add a unit: 5s or 5ms",
        "1.5      | expected a duration like 500ms, 1.5s or 2m but found \"1.5\": add a unit: 1.5s or 1.5ms",
        "500 ms   | expected a duration like 500ms, 1.5s or 2m but found \"500 ms\": write 500ms",
        "2S       | expected a duration like 500ms, 1.5s or 2m but found \"2S\": write 2s",
        "500MS    | expected a duration like 500ms, 1.5s or 2m but found \"500MS\": write 500ms",
        "2sec     | expected a duration like 500ms, 1.5s or 2m but found \"2sec\": write 2s",
        "5 seconds| expected a duration like 500ms, 1.5s or 2m but found \"5 seconds\": write 5s",
        "3min     | expected a duration like 500ms, 1.5s or 2m but found \"3min\": write 3m",
        "2h       | expected a duration like 500ms, 1.5s or 2m but found \"2h\": write 120m",
        "1.5hours | expected a duration like 500ms, 1.5s or 2m but found \"1.5hours\": write 90m",
        "25h      | expected a duration like 500ms, 1.5s or 2m but found \"25h\": a duration is at most 24 hours (1440m)",
        "2d       | expected a duration like 500ms, 1.5s or 2m but found \"2d\": the units are ms, s and m",
        "10us     | expected a duration like 500ms, 1.5s or 2m but found \"10us\": the units are ms, s and m",
        "1,5s     | expected a duration like 500ms, 1.5s or 2m but found \"1,5s\": write 1.5s",
        ".5s      | expected a duration like 500ms, 1.5s or 2m but found \".5s\": write 500ms",
        "5.s      | expected a duration like 500ms, 1.5s or 2m but found \"5.s\": write 5s",
        "-1s      | expected a duration like 500ms, 1.5s or 2m but found \"-1s\": a duration cannot be negative",
        "+1s      | expected a duration like 500ms, 1.5s or 2m but found \"+1s\": write 1s",
        "PT1.5S   | expected a duration like 500ms, 1.5s or 2m but found \"PT1.5S\": ISO-8601 is not read here; write 1.5s",
        "PT2M     | expected a duration like 500ms, 1.5s or 2m but found \"PT2M\": ISO-8601 is not read here; write 2m",
        "PTsoon   | expected a duration like 500ms, 1.5s or 2m but found \"PTsoon\"",
        "soon     | expected a duration like 500ms, 1.5s or 2m but found \"soon\"",
        "2s5      | expected a duration like 500ms, 1.5s or 2m but found \"2s5\"",
        "1m30s    | expected a duration like 500ms, 1.5s or 2m but found \"1m30s\"",
        "1.5ms    | expected a whole number of milliseconds but found \"1.5ms\": write 2ms",
        "1.0004s  | expected a whole number of milliseconds but found \"1.0004s\": write 1000ms",
        "1441m    | expected a duration of at most 24 hours (1440m) but found \"1441m\"",
        "99999999999999999999s | expected a duration of at most 24 hours (1440m) but found \"99999999999999999999s\"",
    })
    void refusesWithTheFix(String text, String message) {
        assertThatThrownBy(() -> DurationSyntax.parse(text)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void nothingIsNotADuration() {
        for (String empty : new String[] {"", "   ", null}) {
            assertThatThrownBy(() -> DurationSyntax.parse(empty)).isInstanceOf(InvalidSyntaxException.class)
                    .hasMessage("expected a duration like 500ms, 1.5s or 2m but found nothing");
        }
    }

    @Test
    void theExceptionCarriesItsParts() {
        InvalidSyntaxException e = (InvalidSyntaxException) org.assertj.core.api.Assertions.catchThrowable(
                () -> DurationSyntax.parse("5"));
        assertThat(e.expected()).isEqualTo(DurationSyntax.EXPECTED);
        assertThat(e.found()).isEqualTo("\"5\"");
        assertThat(e.hint()).isEqualTo("add a unit: 5s or 5ms");
        assertThat(e.offset()).isZero();
    }

    @Test
    void timeoutsMustBeLongerThanZero() {
        assertThat(DurationSyntax.parsePositive("1ms")).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> DurationSyntax.parsePositive("0s")).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage("expected a duration longer than zero but found \"0s\"");
        assertThatThrownBy(() -> DurationSyntax.parsePositive("zero")).hasMessage(
                "expected a duration like 500ms, 1.5s or 2m but found \"zero\"");
    }

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({"0, 0ms", "250, 250ms", "999, 999ms", "1000, 1s", "1500, 1.5s", "1234, 1.234s", "60000, 1m",
        "90000, 90s", "120000, 2m", "86400000, 1440m"})
    void formatsTheWayItParses(long millis, String text) {
        assertThat(DurationSyntax.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
