package dev.wstest.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.record.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RedactingWriterTest {

    @Test
    @DisplayName("a secret written in pieces, with flushes in between, is still scrubbed")
    void piecesAndFlushes() {
        Secrets.add("wr1terS3cret");
        StringWriter raw = new StringWriter();
        PrintWriter out = new PrintWriter(new RedactingWriter(raw), true);
        out.print("token: wr1t");
        out.flush();
        assertThat(raw.toString()).isEqualTo("token: ");
        out.print("erS3cret done");
        out.println();
        assertThat(raw.toString()).isEqualTo("token: <redacted 12 chars> done" + System.lineSeparator());
        out.print("> ");
        out.flush();
        assertThat(raw.toString()).endsWith("> ");
    }
}
