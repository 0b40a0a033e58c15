package dev.wstest.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * An incremental search through a growing log: each call looks only at events that arrived since the
 * previous call, so waiting on a busy connection costs O(new events) per wake-up, not O(log). The
 * assertions of every recorded connection (a client's, a mock server connection's) wait with it.
 *
 * <pre>{@code
 * LogScan scan = new LogScan(log, 0, e -> e.isInbound() && e.type().isMessage(), e -> e.text().equals("hi"));
 * log.awaitUntil(scan::advance, Duration.ofSeconds(2));   // true once "hi" arrived
 * scan.found();                                            // that event
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LogScan {

    private final FrameLog log;
    private final Predicate<WsEvent> candidates;
    private final Predicate<WsEvent> target;
    private long scannedUpTo;
    private WsEvent found;
    private int candidatesSeen;

    /**
     * @param afterSeq   start after this sequence number
     * @param candidates which events count (e.g. inbound data messages)
     * @param target     which candidate ends the search
     */
    public LogScan(FrameLog log, long afterSeq, Predicate<WsEvent> candidates, Predicate<WsEvent> target) {
        this.log = log;
        this.scannedUpTo = afterSeq;
        this.candidates = candidates;
        this.target = target;
    }

    /** Looks at new events; returns true once the target was found. */
    public boolean advance() {
        if (found != null) {
            return true;
        }
        WsEvent e;
        while ((e = log.next(scannedUpTo)) != null) { // skips events the log's limits elided
            scannedUpTo = e.seq();
            if (candidates.test(e)) {
                candidatesSeen++;
                if (target.test(e)) {
                    found = e;
                    return true;
                }
            }
        }
        return false;
    }

    /** The target event, or null. */
    public WsEvent found() {
        return found;
    }

    /** How many candidate events were examined. */
    public int candidatesSeen() {
        return candidatesSeen;
    }
}
