package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CloseAndUtf8Test {

    @Test
    @DisplayName("close payload: code and reason round-trip; 123 reason bytes fit, 124 do not")
    void closePayload() {
        ClosePayload p = ClosePayload.of(1000, "bye");
        assertThat(p.toBytes()).containsExactly(0x03, 0xe8, 'b', 'y', 'e');
        ClosePayload back = ClosePayload.decode(p.toBytes());
        assertThat(back.code()).hasValue(1000);
        assertThat(back.reason()).isEqualTo("bye");
        assertThat(back.problem()).isEmpty();
        assertThat(ClosePayload.of(1000, "x".repeat(123)).toBytes()).hasSize(125);
        assertThatThrownBy(() -> ClosePayload.of(1000, "x".repeat(124))).hasMessageContaining("124 bytes");
        assertThatThrownBy(() -> ClosePayload.of(1005, "")).hasMessageContaining("1005 (No Status Rcvd)");
    }

    @Test
    @DisplayName("close payload problems: 1 byte, reserved code, invalid UTF-8, too long")
    void closeProblems() {
        assertThat(ClosePayload.decode(new byte[0]).code()).isEmpty();
        assertThat(ClosePayload.decode(new byte[0]).problem()).isEmpty();
        assertThat(ClosePayload.decode(new byte[] {3}).problem()).hasValueSatisfying(s -> assertThat(s).contains("1 byte"));
        assertThat(ClosePayload.decode(ClosePayload.encodeUnchecked(1004, new byte[0])).problem())
                .hasValueSatisfying(s -> assertThat(s).contains("1004"));
        assertThat(ClosePayload.decode(ClosePayload.encodeUnchecked(1000, new byte[] {(byte) 0xff})).problem())
                .hasValueSatisfying(s -> assertThat(s).contains("UTF-8"));
        assertThat(ClosePayload.decode(ClosePayload.encodeUnchecked(1000, new byte[124])).problem())
                .hasValueSatisfying(s -> assertThat(s).contains("126 bytes"));
    }

    @Test
    @DisplayName("close codes: names, which may be sent, which are reserved")
    void closeCodes() {
        assertThat(CloseCodes.name(1002)).isEqualTo("Protocol Error");
        assertThat(CloseCodes.name(4001)).isEqualTo("Private use");
        assertThat(CloseCodes.isSendable(1000)).isTrue();
        assertThat(CloseCodes.isSendable(3000)).isTrue();
        assertThat(CloseCodes.isSendable(4999)).isTrue();
        for (int c : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
            assertThat(CloseCodes.isSendable(c)).as("code %d", c).isFalse();
            assertThat(CloseCodes.isInvalidOnWire(c)).as("code %d", c).isTrue();
        }
        assertThat(CloseCodes.isReserved(1005)).isTrue();
        assertThat(CloseCodes.isReserved(2000)).isTrue();
        assertThat(CloseCodes.isReserved(1000)).isFalse();
        assertThat(CloseCodes.isReserved(5000)).as("5000 is not reserved, it is simply invalid").isFalse();
    }

    @Test
    @DisplayName("UTF-8: valid text, overlong forms, surrogates, beyond U+10FFFF, truncation")
    void utf8() {
        assertThat(Utf8Validator.isValid("Hello-µ@ßöäüàá-UTF-8!! κόσμε \uD834\uDD1E".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xc0, (byte) 0xaf})).as("overlong /").isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf})).isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbf})).as("U+FFFF").isTrue();
        Utf8Validator v = new Utf8Validator();
        assertThat(v.feed(new byte[] {(byte) 0xce})).isTrue();
        assertThat(v.isComplete()).as("mid code point").isFalse();
        assertThat(v.feed(new byte[] {(byte) 0xba})).isTrue();
        assertThat(v.isComplete()).isTrue();
        assertThat(v.feed(new byte[] {(byte) 0xf5})).as("fails fast").isFalse();
        assertThat(v.isInvalid()).isTrue();
    }
}
