package dev.wstest.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * What a recorded frame costs on the heap: its payload once plus a small fixed overhead. Measured as the
 * retained heap (after full collections) of a recorder fed many identical frames, divided by the number of
 * frames, against what the same number of bare payload arrays retain (so the collector's per-region waste
 * for large arrays, which any holder of the payload pays, is not counted as the recorder's). Retained
 * bytes, not time: the figure does not depend on the machine's speed.
 */
@Timeout(120)
class RecordedFrameMemoryTest {

    /** The goal: a recorded frame costs its payload plus at most this much. */
    static final int MAX_OVERHEAD_BYTES = 64;

    static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Bytes retained per frame by a recorder that recorded {@code frames} text frames of {@code size} bytes. */
    static double bytesPerFrame(int size, int frames) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'a');
        ByteBuffer wire = ByteBuffer.wrap(FrameRecorderTest.frame(true, 1, payload, null));
        // warm up the code paths (class loading, JIT) outside the measurement
        FrameRecorder warm = new FrameRecorder(Side.CLIENT, null, LogLimits.keepAll(), WireRules.STRICT);
        for (int i = 0; i < 2_000; i++) {
            warm.inbound(wire);
        }
        Reference.reachabilityFence(warm);
        warm = null;
        long before = retainedHeap();
        FrameRecorder recorder = new FrameRecorder(Side.CLIENT, null, LogLimits.keepAll(), WireRules.STRICT);
        for (int i = 0; i < frames; i++) {
            recorder.inbound(wire);
        }
        long after = retainedHeap();
        assertThat(recorder.log().size()).isEqualTo(frames);
        Reference.reachabilityFence(recorder);
        return (after - before) / (double) frames;
    }

    /** Bytes retained per bare {@code byte[size]}: the payload itself as this heap stores it (header, padding). */
    static double bytesPerArray(int size, int count) {
        long before = retainedHeap();
        byte[][] arrays = new byte[count][];
        for (int i = 0; i < count; i++) {
            arrays[i] = new byte[size];
        }
        long after = retainedHeap();
        Reference.reachabilityFence(arrays);
        return (after - before - 16.0 - 4.0 * count) / count;
    }

    @ParameterizedTest(name = "{0}-byte text frames")
    @ValueSource(ints = {64, 16 * 1024})
    @DisplayName("a recorded frame costs its payload once plus at most 64 bytes")
    void payloadOncePlusSmallOverhead(int size) {
        int frames = size <= 1024 ? 200_000 : 20_000;
        double perFrame = bytesPerFrame(size, frames);
        double perArray = bytesPerArray(size, frames);
        System.out.printf("recorded %d-byte text frame: %.1f bytes retained; a bare byte[%d] takes %.1f;"
                + " overhead %.1f%n", size, perFrame, size, perArray, perFrame - perArray);
        // Large arrays leave the collector some waste per region (about 100 bytes per 16 KiB array with G1's
        // 2 MiB regions), and how it falls varies from heap to heap: allow that much measurement noise again.
        double allocatorWaste = Math.max(0, perArray - size - 16);
        assertThat(perFrame - perArray).as("bytes retained per %d-byte frame beyond its payload (a byte[%d] takes"
                + " %.1f bytes on this heap)", size, size, perArray)
                .isLessThanOrEqualTo(MAX_OVERHEAD_BYTES + allocatorWaste);
    }
}
