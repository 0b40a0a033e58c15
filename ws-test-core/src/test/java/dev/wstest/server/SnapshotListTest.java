package dev.wstest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SnapshotListTest {

    @Test
    @DisplayName("appending does not copy the list: 20,000 appends allocate about what the elements' array takes")
    void appendsDoNotCopy() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Integer element = 7;
        new SnapshotList<Integer>().add(element); // load the classes
        long before = threads.getThreadAllocatedBytes(tid);
        SnapshotList<Integer> list = new SnapshotList<>();
        for (int i = 0; i < 20_000; i++) {
            list.add(element);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // a snapshot record per append (24 bytes) plus the doubling array; a copy per append would be 800 MB
        assertThat(allocated).isLessThan(2_000_000);
        assertThat(list).hasSize(20_000);
    }

    @Test
    @DisplayName("reads see one snapshot; inserting and removing work like a list's")
    void snapshots() {
        SnapshotList<String> list = new SnapshotList<>();
        list.add("a");
        list.add("c");
        Iterator<String> early = list.iterator();
        List<String> copy = List.copyOf(list);
        list.add(1, "b");
        list.add("d");
        assertThat(list).containsExactly("a", "b", "c", "d");
        assertThat(copy).containsExactly("a", "c");
        List<String> seen = new ArrayList<>();
        early.forEachRemaining(seen::add);
        assertThat(seen).containsExactly("a", "c");
        assertThat(list.remove("b")).isTrue();
        assertThat(list.removeAll(List.of("a", "x"))).isTrue();
        assertThat(list.removeIf(s -> s.equals("x"))).isFalse();
        assertThat(list).containsExactly("c", "d");
        assertThat(list.stream().map(String::toUpperCase)).containsExactly("C", "D");
        assertThat(list.get(1)).isEqualTo("d");
        list.add(0, "first");
        assertThat(list).containsExactly("first", "c", "d");
    }

    @Test
    @DisplayName("a reader iterating while a writer appends and removes always sees a consistent list")
    void concurrentReaders() throws Exception {
        SnapshotList<Integer> list = new SnapshotList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    int previous = -1;
                    for (int v : list) { // ascending, no nulls, whatever the writer does meanwhile
                        if (v <= previous) {
                            throw new AssertionError("out of order: " + previous + " then " + v);
                        }
                        previous = v;
                    }
                } catch (Throwable t) {
                    failure.set(t);
                    return;
                }
            }
        });
        reader.start();
        for (int i = 0; i < 50_000; i++) {
            list.add(i);
            if (i % 7 == 0) {
                int drop = i - 3;
                list.removeIf(v -> v == drop);
            }
        }
        done.set(true);
        reader.join(10_000);
        assertThat(failure.get()).isNull();
    }
}
