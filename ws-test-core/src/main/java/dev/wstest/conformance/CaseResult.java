package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wstest.raw.WireEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

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
 * @param transcript the frames sent and received, with times: all of them, or for a long case the first
 *                   {@value #HEAD} and the last {@value #TAIL} ({@code omittedEvents} left out between them)
 * @param omittedEvents how many events of a long transcript were left out
 * @param acceptedDeviation the reason a known deviation was accepted, if it was
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseResult(ConformanceCase conformanceCase, Verdict verdict, Verdict behaviour,
                         CloseBehaviour closeBehaviour, OptionalInt serverCloseCode, List<Expected> received,
                         List<String> notes, Duration duration, List<WireEvent> transcript, int omittedEvents,
                         Optional<String> acceptedDeviation) {

    public CaseResult {
        received = List.copyOf(received);
        notes = List.copyOf(notes);
        transcript = List.copyOf(transcript);
    }

    /**
     * A transcript as a result keeps it: at most {@value #MAX_LISTED_EVENTS} events, the first {@value #HEAD}
     * and the last {@value #TAIL}, and without the frames' payloads (the descriptions stay), so that a run of
     * 524 cases, some with 16 MiB or 2000 frames, does not keep gigabytes.
     */
    static List<WireEvent> kept(List<WireEvent> all) {
        List<WireEvent> out = new java.util.ArrayList<>(Math.min(all.size(), MAX_LISTED_EVENTS));
        int n = all.size();
        for (int i = 0; i < n; i++) {
            if (n > MAX_LISTED_EVENTS && i == HEAD) {
                i = n - TAIL;
            }
            WireEvent e = all.get(i);
            out.add(e.frame() == null ? e : new WireEvent(e.direction(), e.sinceOpen(), null, e.description()));
        }
        return out;
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

    /** Above this many events, a result keeps the head and tail of the transcript only. */
    public static final int MAX_LISTED_EVENTS = 400;
    /** The first events kept of a long transcript. */
    public static final int HEAD = MAX_LISTED_EVENTS / 4;
    /** The last events kept of a long transcript. */
    public static final int TAIL = MAX_LISTED_EVENTS - HEAD;

    /** The transcript in the house frame-log format, with the number of events left out where they were. */
    public String formatTranscript() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < transcript.size(); i++) {
            if (omittedEvents > 0 && i == HEAD) {
                sb.append("  ... ").append(omittedEvents).append(" events omitted ...\n");
            }
            sb.append(transcript.get(i).line()).append('\n');
        }
        return sb.toString();
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
