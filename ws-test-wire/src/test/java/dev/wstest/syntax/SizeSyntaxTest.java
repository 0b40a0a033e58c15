package dev.wstest.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one size notation: every accepted form, every refused one with its message, and format. */
@Timeout(10)
class SizeSyntaxTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "1          | 1",
        "65536      | 65536",
        "512KiB     | 524288",
        "16MiB      | 16777216",
        "1GiB       | 1073741824",
        "1024MiB    | 1073741824",
        "0016KiB    | 16384",
        "'  4MiB  ' | 4194304",
    })
    void accepts(String text, int bytes) {
        assertThat(SizeSyntax.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "16MB       | expected a size like 65536, 512KiB or 16MiB but found \"16MB\": write 16MiB",
        "16mib      | expected a size like 65536, 512KiB or 16MiB but found \"16mib\": write 16MiB",
        "16m        | expected a size like 65536, 512KiB or 16MiB but found \"16m\": write 16MiB",
        "16 MiB     | expected a size like 65536, 512KiB or 16MiB but found \"16 MiB\": write 16MiB",
        "512k       | expected a size like 65536, 512KiB or 16MiB but found \"512k\": write 512KiB",
        "512KB      | expected a size like 65536, 512KiB or 16MiB but found \"512KB\": write 512KiB",
        "2048KB     | expected a size like 65536, 512KiB or 16MiB but found \"2048KB\": write 2MiB",
        "100b       | expected a size like 65536, 512KiB or 16MiB but found \"100b\": write 100",
        "100 bytes  | expected a size like 65536, 512KiB or 16MiB but found \"100 bytes\": write 100",
        "1.5MiB     | expected a size like 65536, 512KiB or 16MiB but found \"1.5MiB\": write 1536KiB",
        "1,5MiB     | expected a size like 65536, 512KiB or 16MiB but found \"1,5MiB\": write 1536KiB",
        "0.3KiB     | expected a size like 65536, 512KiB or 16MiB but found \"0.3KiB\": a size is a whole number of bytes",
        "-1MiB      | expected a size like 65536, 512KiB or 16MiB but found \"-1MiB\": a size cannot be negative",
        "2GB        | expected a size like 65536, 512KiB or 16MiB but found \"2GB\": a size is 1 byte to 1GiB",
        "16TiB      | expected a size like 65536, 512KiB or 16MiB but found \"16TiB\": the units are KiB, MiB and GiB (1024, 1024 * 1024, ...)",
        "lots       | expected a size like 65536, 512KiB or 16MiB but found \"lots\"",
        "MiB        | expected a size like 65536, 512KiB or 16MiB but found \"MiB\"",
        "0          | expected a size of at least 1 byte but found \"0\"",
        "0MiB       | expected a size of at least 1 byte but found \"0MiB\"",
        "2GiB       | expected a size of at most 1GiB but found \"2GiB\"",
        "1073741825 | expected a size of at most 1GiB but found \"1073741825\"",
        "99999999999999999999999 | expected a size of at most 1GiB but found \"99999999999999999999999\"",
    })
    void refusesWithTheFix(String text, String message) {
        assertThatThrownBy(() -> SizeSyntax.parse(text)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void nothingIsNotASize() {
        for (String empty : new String[] {"", "   ", null}) {
            assertThatThrownBy(() -> SizeSyntax.parse(empty)).isInstanceOf(InvalidSyntaxException.class)
                    .hasMessage("expected a size like 65536, 512KiB or 16MiB but found nothing");
        }
    }

    @ParameterizedTest(name = "{0} bytes is {1}")
    @CsvSource({"1, 1", "1000, 1000", "1024, 1KiB", "1536, 1536", "524288, 512KiB", "1572864, 1536KiB",
        "4194304, 4MiB", "1073741824, 1GiB"})
    void formatsTheWayItParses(int bytes, String text) {
        assertThat(SizeSyntax.format(bytes)).isEqualTo(text);
        assertThat(SizeSyntax.parse(text)).isEqualTo(bytes);
    }
}
