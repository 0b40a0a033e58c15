package dev.wstest.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The validator (with its eight-bytes-at-a-time ASCII path) agrees with the JDK's strict UTF-8 decoder. */
class Utf8ValidatorPropertiesTest {

    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<byte[]> mostlyText() {
        Arbitrary<byte[]> ascii = Arbitraries.strings().ascii().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> unicode = Arbitraries.strings().ofMaxLength(20).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
        return Arbitraries.oneOf(ascii, unicode, noise).list().ofMaxSize(6).map(parts -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Property(tries = 2000)
    void agreesWithTheJdkWhateverTheSplit(@ForAll("mostlyText") byte[] bytes, @ForAll @IntRange(min = 1, max = 17) int chunk) {
        Utf8Validator v = new Utf8Validator();
        boolean ok = true;
        for (int i = 0; i < bytes.length && ok; i += chunk) {
            ok = v.feed(bytes, i, Math.min(bytes.length, i + chunk));
        }
        assertThat(ok && v.isComplete()).as("valid").isEqualTo(jdkAccepts(bytes));
        if (!ok) {
            long at = v.invalidAt();
            assertThat(at).isBetween(0L, (long) bytes.length - 1);
            byte[] prefix = java.util.Arrays.copyOf(bytes, (int) at);
            Utf8Validator p = new Utf8Validator();
            assertThat(p.feed(prefix)).as("everything before the reported byte can still be valid").isTrue();
        }
    }
}
