package dev.xent.task.classify;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongIntMapTest {
    @Test
    void agreesWithHashMapThroughGrowth() {
        Random r = new Random(7);
        LongIntMap m = new LongIntMap(4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            // small keys repeat (hits), keys equal in their low bits collide, 0 and negatives are ordinary keys
            long key = switch (i % 4) {
                case 0 -> r.nextInt(1000);
                case 1 -> (long) r.nextInt(64) << 40;
                case 2 -> -r.nextInt(5000);
                default -> r.nextLong();
            };
            int expected = ref.computeIfAbsent(key, k -> ref.size());
            assertEquals(expected, m.putIfAbsent(key, m.size()), "key " + key);
        }
        assertEquals(ref.size(), m.size());
        ref.forEach((k, v) -> assertEquals(v, m.get(k)));
        assertEquals(-1, m.get(123_456_789_012L));
    }

    @Test
    void negativeValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LongIntMap(1).putIfAbsent(3, -1));
    }
}
