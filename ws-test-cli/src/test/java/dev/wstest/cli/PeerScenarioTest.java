package dev.wstest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wstest.testing.Peer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sample echo scenario, run by ws-test run against independently written servers instead of our own. */
@Timeout(120)
class PeerScenarioTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Kind.class)
    void theEchoSamplePassesAgainstAnIndependentPeer(Peer.Kind kind) {
        try (Peer peer = Peer.start(kind)) {
            String base = peer.uri("").toString();
            Cli.Result r = Cli.run("run", RunCommandTest.SAMPLES + "/echo.ws", "--var", "BASE=" + base);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).contains("2 scenario(s): 2 passed");
        }
    }
}
