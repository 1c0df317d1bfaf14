// One loaded copy of each model bundle per JVM (driver or executor), shared by all the tasks that run there.
package dev.xent.spark;

import dev.xent.io.ModelBundle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Bundles travel to executors as bytes in a broadcast variable; the first task on an executor JVM parses and
 * verifies them and loads the model, later tasks (and later jobs with the same bundle) reuse it. Keyed by the
 * bundle's SHA-256, so two different bundles never share an entry; entries live as long as the JVM (an executor
 * scores with a handful of models, each loaded once).
 */
final class BundleCache {
    private static final ConcurrentMap<String, Object> LOADED = new ConcurrentHashMap<>();

    private BundleCache() {}

    /** The model of the bundle with hash {@code sha256}, made by {@code load} from its bytes
     * (asked for only on first use here: a broadcast is then fetched once per JVM). */
    static <T> T get(String sha256, Supplier<byte[]> bytes, String source, Function<ModelBundle, T> load, Class<T> type) {
        Object m = LOADED.computeIfAbsent(type.getName() + "/" + sha256,
                k -> load.apply(ModelBundle.parse(bytes.get(), source)));
        return type.cast(m);
    }

    /** How many models this JVM holds (for tests). */
    static int size() {
        return LOADED.size();
    }
}
