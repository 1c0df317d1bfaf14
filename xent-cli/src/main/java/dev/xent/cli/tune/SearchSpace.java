// A task's search: a fixed list of strong recipes (the defaults first), then seeded random draws from ranges.
package dev.xent.cli.tune;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * A candidate is a map of setting → value laid over the run's settings ({} = the defaults). Settings the user gave
 * ({@code fixed}) are never searched: they are dropped from every candidate. A candidate equal to one already
 * offered is skipped, so the random part does not repeat a recipe. The order depends only on the seed.
 */
public record SearchSpace(List<Map<String, Object>> recipes, List<Param> params) {

    /** One searched setting (or a few tied ones, e.g. encoder and decoder depth): draws its value(s) from a Random. */
    public record Param(String name, Function<Random, Map<String, Object>> draw) {
        /** One of {@code values}, uniformly. */
        public static Param choice(String key, Object... values) {
            return new Param(key, r -> Map.of(key, values[r.nextInt(values.length)]));
        }

        /** Log-uniform in [lo, hi], rounded to 3 significant digits (a learning rate). */
        public static Param logUniform(String key, double lo, double hi) {
            return new Param(key, r -> Map.of(key, round3(Math.exp(Math.log(lo) + r.nextDouble() * Math.log(hi / lo)))));
        }

        /** Uniform in [lo, hi], rounded to 2 decimals (a dropout rate). */
        public static Param uniform(String key, double lo, double hi) {
            return new Param(key, r -> Map.of(key, Math.round((lo + r.nextDouble() * (hi - lo)) * 100) / 100.0));
        }

        /** One of whole sets of settings that go together, e.g. {encoderLayers 4, decoderLayers 4}. */
        @SafeVarargs
        public static Param together(String name, Map<String, Object>... sets) {
            return new Param(name, r -> sets[r.nextInt(sets.length)]);
        }
    }

    /** The fixed recipes, then random draws without end (every param drawn each time), none of the keys in {@code fixed}. */
    public Iterator<Map<String, Object>> candidates(long seed, Set<String> fixed) {
        Random random = new Random(seed);
        Set<Map<String, Object>> offered = new HashSet<>();
        return new Iterator<>() {
            int next;
            Map<String, Object> ahead;

            @Override
            public boolean hasNext() {
                for (int tries = 0; ahead == null && tries < 1000; tries++) {
                    Map<String, Object> c = new LinkedHashMap<>(next < recipes.size() ? recipes.get(next++) : draw(random));
                    c.keySet().removeAll(fixed);
                    if (offered.add(c)) ahead = c;
                }
                return ahead != null;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) throw new NoSuchElementException();
                Map<String, Object> c = ahead;
                ahead = null;
                return c;
            }
        };
    }

    private Map<String, Object> draw(Random random) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (Param p : params) c.putAll(p.draw().apply(random));
        return c;
    }

    static double round3(double v) {
        if (v == 0 || !Double.isFinite(v)) return v;
        double scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
