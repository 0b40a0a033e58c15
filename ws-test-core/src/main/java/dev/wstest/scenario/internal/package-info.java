/**
 * How {@code .ws} files are read and run; not for users (their API is {@code dev.wstest.scenario}).
 *
 * <p>{@link dev.wstest.scenario.internal.Lexer} splits a file into tokens. {@link
 * dev.wstest.scenario.internal.Parser} reads the file's structure (scenario, setup, include, repeat ... end)
 * and hands every step to the {@link dev.wstest.scenario.internal.StepSyntax} of its command's family:
 * {@code VarSteps}, {@code ServerSteps}, {@code ConnectSteps}, {@code SendSteps} (send, ping, pong, close),
 * {@code ExpectSteps} (one method per sub-verb), {@code CaptureSteps}, {@code SleepSteps}. A family reads
 * its tokens with the {@link dev.wstest.scenario.internal.Cursor} (end of line, durations, names, regular
 * expressions, JSONPaths) and {@link dev.wstest.scenario.internal.Values} (templates whose
 * {@code ${variables}} are checked, JSON, payloads), and declares the records of its steps next to the
 * parsing code: data implementing the sealed {@link dev.wstest.scenario.internal.StepAction}, run against a
 * {@link dev.wstest.scenario.internal.RunContext}. A message expectation carries a {@link
 * dev.wstest.scenario.internal.MessageExpectation}, the one place where what a step matches becomes a
 * {@code MessageMatcher} of the Java assertions.
 *
 * <h2>How to add a step</h2>
 * <ul>
 *   <li><b>A sub-verb</b> ({@code expect no violations}): a method in {@code ExpectSteps} that reads the rest
 *       of the line and returns a new record, registered by its word in the constructor; the record goes into
 *       the {@code permits} of {@code StepAction}. A word under an existing sub-verb ({@code expect handshake
 *       extension permessage-deflate}) is a branch of that sub-verb's method.</li>
 *   <li><b>An option</b> of a command ({@code connect ... deflate}, {@code connect ... expect refused 401}): a
 *       branch of the command's option loop and a component of its record.</li>
 *   <li><b>A new kind of message match</b>: a record in {@code MessageExpectation} returning its matcher
 *       (add the factory to {@code MessageMatcher} first, so Java tests have it too).</li>
 *   <li><b>A new command or family</b> ({@code server mock as feed tls}): a class implementing
 *       {@code StepSyntax} (its command words, its parser, its records), created in {@code Parser.start()},
 *       its words added to {@code Parser.COMMANDS} (the list error messages show), its records to the
 *       {@code permits} of {@code StepAction}. A step with a body of steps (like {@code repeat}) is file
 *       structure: its block is read by {@code Parser}, where nesting limits belong too.</li>
 *   <li>Then the golden data: an example in {@code src/test/resources/scenario-golden/files/}, listed in {@code index.txt} (and broken
 *       variants in {@code errors.txt}), rewritten with {@code -Dscenario.golden.write=true}; the diff must
 *       show the new step and nothing else. The step's words go into docs/scenario-language.md.</li>
 * </ul>
 */
package dev.wstest.scenario.internal;
