package dev.xent.cli.tune;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candidates: the recipes in order (defaults first), then seeded random draws; fixed keys dropped; no repeats. */
class SearchSpaceTest {

    static List<Map<String, Object>> take(SearchSpace s, long seed, Set<String> fixed, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        Iterator<Map<String, Object>> it = s.candidates(seed, fixed);
        while (out.size() < n && it.hasNext()) out.add(it.next());
        return out;
    }

    @Test
    void recipesFirstThenRandomDrawsThatRepeatForASeed() {
        SearchSpace s = TaskSpaces.tag();
        List<Map<String, Object>> a = take(s, 7, Set.of(), 30), b = take(s, 7, Set.of(), 30);
        assertEquals(a, b, "the same seed, the same candidates");
        assertEquals(s.recipes(), a.subList(0, s.recipes().size()), "the recipes first, in order");
        assertEquals(Map.of(), a.get(0), "the defaults first of all");
        assertNotEquals(a, take(s, 8, Set.of(), 30), "another seed, other random draws");
        assertEquals(a.size(), new HashSet<>(a).size(), "no candidate twice");
        for (Map<String, Object> c : a.subList(s.recipes().size(), a.size())) {
            double lr = ((Number) c.get("lr")).doubleValue(), dropout = ((Number) c.get("dropout")).doubleValue();
            assertTrue(lr >= 5e-4 && lr <= 5e-3 && dropout >= 0.2 && dropout <= 0.6, c.toString());
            assertEquals(SearchSpace.round3(lr), lr, "3 significant digits: " + lr);
        }
    }

    @Test
    void settingsTheUserGaveAreNeverSearchedAndEmptiedRecipesAreNotRepeated() {
        List<Map<String, Object>> c = take(TaskSpaces.tag(), 1, Set.of("lr", "hidden"), 40);
        for (Map<String, Object> x : c) assertFalse(x.containsKey("lr") || x.containsKey("hidden"), x.toString());
        assertEquals(1, c.stream().filter(Map::isEmpty).count(), "recipe {lr} becomes the defaults: once");
        assertEquals(Map.of("dropout", 0.5), c.get(1));
    }

    @Test
    void tiedSettingsAreDrawnTogether() {
        for (Map<String, Object> c : take(TaskSpaces.translate("transformer"), 3, Set.of(), 40)) {
            assertEquals(c.get("encoderLayers"), c.get("decoderLayers"), c.toString());
        }
    }
}
