package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What ws-test's {@code main} does to the logging of the libraries it carries: Tyrus and Grizzly stay quiet unless
 * {@code --debug}, under whatever name their classes have here (ws-test-core's jar shades them).
 */
@Timeout(30)
@Isolated // changes JVM-wide logger levels
class LibraryLoggingTest {

    /** A Tyrus class as this class path has it: the interface ws-test's client container implements. */
    static final String TYRUS_CLASS = tyrusClassName();

    static String tyrusClassName() {
        try {
            return Class.forName("dev.wstest.client.internal.TappingClientContainer").getInterfaces()[0].getName();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void restore() {
        Logger.getLogger("org.glassfish").setLevel(null);
        Logger.getLogger("dev.wstest.shaded.org.glassfish").setLevel(null);
    }

    @Test
    @DisplayName("without --debug, Tyrus logs nothing, whatever its classes are called on this class path")
    void quietWithoutDebug() {
        assertThat(TYRUS_CLASS).endsWith("org.glassfish.tyrus.spi.ClientContainer");
        WsTestCli.quietLibraries(new String[] {"send", "ws://127.0.0.1:1/", "hi"});
        assertThat(Logger.getLogger(TYRUS_CLASS).isLoggable(Level.SEVERE)).as(TYRUS_CLASS).isFalse();
    }

    @Test
    @DisplayName("with --debug, Tyrus logs as it is configured to")
    void loudWithDebug() {
        WsTestCli.quietLibraries(new String[] {"send", "ws://127.0.0.1:1/", "hi", "--debug"});
        assertThat(Logger.getLogger(TYRUS_CLASS).isLoggable(Level.SEVERE)).as(TYRUS_CLASS).isTrue();
    }
}
