package dev.wstest.assertions.internal;

import dev.wstest.record.FrameLog;
import dev.wstest.record.WsEvent;
import java.util.function.Predicate;

/**
 * An incremental search through a growing log: each call looks only at events that arrived since the
 * previous call, so waiting on a busy connection costs O(new events) per wake-up, not O(log).
 */
public final class Scan {

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
    public Scan(FrameLog log, long afterSeq, Predicate<WsEvent> candidates, Predicate<WsEvent> target) {
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
