package dev.wstest.conformance;

import dev.wstest.protocol.WireEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one case against one server.
 *
 * @param conformanceCase the case
 * @param verdict the overall verdict: the behaviour combined with the close behaviour
 * @param behaviour the verdict on the events alone (which expected alternative matched)
 * @param closeBehaviour how the connection ended
 * @param serverCloseCode the code of the server's close frame, -1 if it sent none, 1005 if it had no code
 * @param received what the server sent, as events
 * @param notes why the verdict is what it is, one line each
 * @param duration how long the case took
 * @param transcript every frame sent and received, with times
 * @param acceptedDeviation the reason a known deviation was accepted, if it was
 */
public record CaseResult(ConformanceCase conformanceCase, Verdict verdict, Verdict behaviour,
                         CloseBehaviour closeBehaviour, int serverCloseCode, List<Expected> received,
                         List<String> notes, Duration duration, List<WireEvent> transcript,
                         Optional<String> acceptedDeviation) {

    public String id() {
        return conformanceCase.id();
    }

    /** Whether the verdict is FAILED and not accepted as a known deviation. */
    public boolean isUnacceptedFailure() {
        return verdict == Verdict.FAILED && acceptedDeviation.isEmpty();
    }

    /** The transcript in the house frame-log format. */
    public String formatTranscript() {
        StringBuilder sb = new StringBuilder();
        for (WireEvent e : transcript) {
            sb.append(e.line()).append('\n');
        }
        return sb.toString();
    }

    /** A failure-message style explanation: case, requirement, verdict, notes and frames. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("Case ").append(id()).append(" (").append(conformanceCase.category().title()).append("): ")
                .append(conformanceCase.description()).append('\n');
        sb.append("Requirement: ").append(conformanceCase.requirement()).append('\n');
        sb.append("Verdict: ").append(verdict.label()).append(" (behaviour ").append(behaviour.label())
                .append(", close ").append(closeBehaviour).append(")\n");
        acceptedDeviation.ifPresent(r -> sb.append("Accepted as a known deviation: ").append(r).append('\n'));
        for (String n : notes) {
            sb.append("  - ").append(n).append('\n');
        }
        sb.append("\nFrames (ms after handshake):\n").append(formatTranscript());
        return sb.toString();
    }
}
