package dev.wstest.conformance;

import java.io.IOException;

/** What a case sends. An IOException (the server closed on us) ends the script; the outcome is judged. */
@FunctionalInterface
public interface CaseScript {
    void run(CaseDriver driver) throws IOException;
}
