// A map from 64-bit keys to non-negative ints (n-gram hash -> feature id): open addressing with linear probing over
// two primitive arrays, so a lookup neither boxes its key nor follows a pointer (HashMap<Long, Integer> did both:
// NBSVM's 180k-feature table cost a third of AG News' training command in a cold JVM).
package dev.xent.task.classify;

import java.util.Arrays;

/** Values must be >= 0 (-1 marks an empty slot); the table doubles at half full. */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size, mask;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1 when absent. */
    int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v < 0 || keys[i] == key) return v;
        }
    }

    /** The value of {@code key}; when absent, {@code value} is put and returned. */
    int putIfAbsent(long key, int value) {
        if (value < 0) throw new IllegalArgumentException("values must be >= 0; got " + value);
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v >= 0 && keys[i] == key) return v;
            if (v < 0) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) grow();
                return value;
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;   // keys may be raw hashes with weak low bits: mix before masking
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        Arrays.fill(values, -1);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < k.length; i++) if (v[i] >= 0) putIfAbsent(k[i], v[i]);
    }
}
