package dev.wstest.benchmarks.jmh;

import dev.wstest.record.FrameRecorder;
import dev.wstest.record.Side;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The recorder alone: the bytes of text frames in, events in the frame log out. One operation is one frame;
 * each invocation records {@value #FRAMES} frames into a fresh recorder, so the log does not grow without end.
 * Run with the gc profiler, {@code gc.alloc.rate.norm} is the bytes allocated per recorded frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecorderBenchmark {

    static final int FRAMES = 1000;

    @Param({"64", "16384"})
    public int size;

    private ByteBuffer unmasked;
    private ByteBuffer masked;

    @Setup
    public void frames() {
        byte[] payload = "x".repeat(size).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        unmasked = ByteBuffer.wrap(WireFrames.text(payload, null));
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        masked = ByteBuffer.wrap(WireFrames.text(payload, key));
    }

    /** A client's recorder: unmasked text frames from the server. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public FrameRecorder clientInbound() {
        FrameRecorder recorder = new FrameRecorder(Side.CLIENT);
        for (int i = 0; i < FRAMES; i++) {
            recorder.inbound(unmasked);
        }
        return recorder;
    }

    /** An embedded server's recorder: masked text frames from the client. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public FrameRecorder serverInbound() {
        FrameRecorder recorder = new FrameRecorder(Side.SERVER);
        for (int i = 0; i < FRAMES; i++) {
            recorder.inbound(masked);
        }
        return recorder;
    }
}
