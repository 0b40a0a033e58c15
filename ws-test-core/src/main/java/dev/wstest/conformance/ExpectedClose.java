package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How a case expects the connection to end, as Autobahn|Testsuite's {@code expectedClose}.
 *
 * @param closedByClient the client starts the closing handshake (after the expected events, or because
 *                       the case says so); false: the server must fail the connection
 * @param codes the close codes accepted from the server; the first is the one the client closes with
 * @param requireClean the closing handshake must complete: close frames both ways, then the server
 *                     closes TCP within a second
 * @param wrongEndpointIsFatal the wrong side closing makes the behaviour FAILED too (Autobahn's
 *                             {@code closedByWrongEndpointIsFatal}, set by the invalid UTF-8 cases)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExpectedClose(boolean closedByClient, List<Integer> codes, boolean requireClean,
                            boolean wrongEndpointIsFatal) {

    public ExpectedClose {
        codes = List.copyOf(codes);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a case accepts at least one close code");
        }
    }

    /** The client closes with 1000 once the expected events arrived; a clean close is required. */
    public static ExpectedClose normal() {
        return new ExpectedClose(true, List.of(1000), true, false);
    }
}
