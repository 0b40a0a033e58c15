package dev.wstest.conformance;

import dev.wstest.protocol.WireEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one case against one server, in Autobahn|Testsuite's two columns and a headline.
 *
 * @param conformanceCase the case
 * @param verdict the headline verdict, made from the two columns by the run's {@link VerdictRule}
 * @param behaviour Autobahn's {@code behavior}: what the events (and, where the case says so, the close) earn
 * @param closeBehaviour Autobahn's {@code behaviorClose}: how the connection ended
 * @param serverCloseCode the code of the last close frame the server sent, if it sent one with a code
 * @param received what the server sent, as events (for cases judged by events)
 * @param notes why the verdicts are what they are, one line each
 * @param duration how long the case took
 * @param transcript every frame sent and received, with times
 * @param acceptedDeviation the reason a known deviation was accepted, if it was
 */
public record CaseResult(ConformanceCase conformanceCase, Verdict verdict, Verdict behaviour,
                         CloseBehaviour closeBehaviour, OptionalInt serverCloseCode, List<Expected> received,
                         List<String> notes, Duration duration, List<WireEvent> transcript,
                         Optional<String> acceptedDeviation) {

    public CaseResult {
        received = List.copyOf(received);
        notes = List.copyOf(notes);
        transcript = List.copyOf(transcript);
    }

    public String id() {
        return conformanceCase.id();
    }

    /** The headline under a rule: the behaviour alone, or the worse of both columns. */
    static Verdict headline(VerdictRule rule, Verdict behaviour, CloseBehaviour close) {
        if (rule == VerdictRule.AUTOBAHN || behaviour == Verdict.INFORMATIONAL || behaviour == Verdict.UNIMPLEMENTED) {
            return behaviour;
        }
        return behaviour.worst(close.verdict());
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

    /** A failure-message style explanation: case, requirement, verdicts, notes and frames. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("Case ").append(id()).append(" (").append(conformanceCase.category().title()).append("): ")
                .append(conformanceCase.description()).append('\n');
        sb.append("Requirement: ").append(conformanceCase.requirement()).append('\n');
        sb.append("Verdict: ").append(verdict.label()).append(" (behaviour ").append(behaviour.label())
                .append(", close behaviour ").append(closeBehaviour.label())
                .append(serverCloseCode.isPresent() ? ", server close code " + serverCloseCode.getAsInt() : "")
                .append(")\n");
        acceptedDeviation.ifPresent(r -> sb.append("Accepted as a known deviation: ").append(r).append('\n'));
        for (String n : notes) {
            sb.append("  - ").append(n).append('\n');
        }
        sb.append("\nFrames (ms after handshake):\n").append(formatTranscript());
        return sb.toString();
    }
}
