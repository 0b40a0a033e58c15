package dev.wstest.conformance;

import dev.wstest.raw.WireEvent;
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

    /** Above this many events, listings show the head and tail of the transcript only. */
    public static final int MAX_LISTED_EVENTS = 400;
    private static final int HEAD = MAX_LISTED_EVENTS / 4;

    /**
     * The transcript in the house frame-log format; above {@value #MAX_LISTED_EVENTS} events the middle is
     * replaced by the number of events left out.
     */
    public String formatTranscript() {
        StringBuilder sb = new StringBuilder();
        int n = transcript.size();
        for (int i = 0; i < n; i++) {
            if (n > MAX_LISTED_EVENTS && i == HEAD) {
                sb.append("  ... ").append(n - MAX_LISTED_EVENTS).append(" events omitted ...\n");
                i = n - (MAX_LISTED_EVENTS - HEAD);
            }
            sb.append(transcript.get(i).line()).append('\n');
        }
        return sb.toString();
    }

    /** The events a listing shows: all, or the head and tail when there are more than {@value #MAX_LISTED_EVENTS}. */
    public List<WireEvent> listedTranscript() {
        int n = transcript.size();
        if (n <= MAX_LISTED_EVENTS) {
            return transcript;
        }
        List<WireEvent> out = new java.util.ArrayList<>(transcript.subList(0, HEAD));
        out.addAll(transcript.subList(n - (MAX_LISTED_EVENTS - HEAD), n));
        return out;
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
