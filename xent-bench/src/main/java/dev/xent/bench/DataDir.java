// The benchmark data folder: the --data DIR option, else the XENT_DATA environment variable; never a built-in path.
package dev.xent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every benchmark reads its datasets from one folder laid out like the shared benchmark data ({@code wikitext-2/},
 * {@code tinyshakespeare/}, {@code sst2/}, {@code ag_news/}, {@code ud_english_ewt/}, {@code wikiann_en/}); see
 * docs/benchmarks.md. The folder is named on the command line ({@code --data DIR}) or by {@value #ENV}.
 */
public final class DataDir {
    /** The environment variable read when no {@code --data} option is given. */
    public static final String ENV = "XENT_DATA";

    private DataDir() {}

    /**
     * The data folder, checked to hold {@code needed} (a path relative to it, e.g. {@code "wikitext-2/train.txt"}).
     *
     * @param option the {@code --data} value, or null when the option was not given
     */
    public static Path resolve(String option, String needed) {
        return resolve(option, System.getenv(), needed);
    }

    static Path resolve(String option, Map<String, String> env, String needed) {
        String given = option != null ? option : env.get(ENV);
        String source = option != null ? "--data" : ENV;
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException("no data folder: pass --data DIR or set " + ENV + " to the folder "
                    + "that holds " + needed + " (the benchmark data; see docs/benchmarks.md)");
        }
        Path dir = Path.of(given);
        if (!Files.exists(dir.resolve(needed))) {
            throw new IllegalArgumentException(source + "=" + given + ": no " + dir.resolve(needed) + "; " + source
                    + " must name the data folder that holds " + needed + " (see docs/benchmarks.md)");
        }
        return dir;
    }
}
