package dev.wstest.server;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A list that readers use without a lock, as a {@link java.util.concurrent.CopyOnWriteArrayList}: every read
 * (iteration, stream, get) sees one consistent snapshot. Unlike it, appending does not copy the array: an
 * element goes into the free slot after the last one, which no earlier snapshot reads, and a new snapshot
 * is published. A server that accepts 10,000 connections therefore appends 10,000 times instead of copying
 * 50 million references. Inserting elsewhere and removing copy, as they must; they are rare.
 */
final class SnapshotList<E> extends AbstractList<E> implements RandomAccess {

    /** The elements {@code items[0..size)}; slots from size on are free (or not yet published). */
    private record Snapshot(Object[] items, int size) {
    }

    private volatile Snapshot snapshot = new Snapshot(new Object[8], 0);

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Snapshot s = snapshot;
        Objects.checkIndex(index, s.size);
        return (E) s.items[index];
    }

    @Override
    public int size() {
        return snapshot.size;
    }

    @Override
    public synchronized boolean add(E e) {
        Snapshot s = snapshot;
        Object[] items = s.items;
        if (s.size == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[s.size] = e;
        snapshot = new Snapshot(items, s.size + 1);
        return true;
    }

    @Override
    public synchronized void add(int index, E e) {
        Snapshot s = snapshot;
        if (index == s.size) {
            add(e);
            return;
        }
        Objects.checkIndex(index, s.size);
        Object[] items = new Object[Math.max(8, s.size + 1 + (s.size >> 1))];
        System.arraycopy(s.items, 0, items, 0, index);
        items[index] = e;
        System.arraycopy(s.items, index, items, index + 1, s.size - index);
        snapshot = new Snapshot(items, s.size + 1);
    }

    @Override
    public boolean remove(Object o) {
        return removeIf(e -> Objects.equals(e, o));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return removeIf(c::contains);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized boolean removeIf(Predicate<? super E> filter) {
        Snapshot s = snapshot;
        Object[] kept = new Object[Math.max(8, s.items.length)];
        int n = 0;
        for (int i = 0; i < s.size; i++) {
            if (!filter.test((E) s.items[i])) {
                kept[n++] = s.items[i];
            }
        }
        if (n == s.size) {
            return false;
        }
        snapshot = new Snapshot(kept, n);
        return true;
    }

    @Override
    public synchronized void clear() {
        snapshot = new Snapshot(new Object[8], 0);
    }

    @Override
    public Object[] toArray() {
        Snapshot s = snapshot;
        return Arrays.copyOf(s.items, s.size);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<? super E> action) {
        Snapshot s = snapshot;
        for (int i = 0; i < s.size; i++) {
            action.accept((E) s.items[i]);
        }
    }

    /** Iterates the snapshot taken when it was created; it does not support {@code remove}. */
    @Override
    public Iterator<E> iterator() {
        Snapshot s = snapshot;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < s.size;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= s.size) {
                    throw new NoSuchElementException();
                }
                return (E) s.items[next++];
            }
        };
    }

    @Override
    public Spliterator<E> spliterator() {
        Snapshot s = snapshot;
        return Spliterators.spliterator(s.items, 0, s.size, Spliterator.ORDERED | Spliterator.IMMUTABLE);
    }
}
