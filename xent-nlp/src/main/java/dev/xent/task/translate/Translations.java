// Text in, text out: encode with the shared BPE, search (greedy or beam) over the cached decoder, decode the ids.
package dev.xent.task.translate;

import dev.xent.task.translate.decode.CorpusDecoding;
import dev.xent.task.translate.decode.Hypothesis;
import dev.xent.task.translate.decode.Search;
import dev.xent.task.translate.decode.SearchConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A source longer than the model's maxLen − 1 tokens is cut to that length (the model has no position for the
 * rest); a blank line translates to an empty line. Output is in input order, the same for any batch size and
 * thread count.
 */
public final class Translations {
    private Translations() {}

    /** Sentences per decoding batch. */
    public static final int BATCH = 64;

    public static List<String> translate(TranslationModel model, TranslationCodec codec, List<String> lines,
                                         SearchConfig config, int threads) {
        int max = model.maxSourceLength() - 1;
        List<Integer> kept = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            int[] ids = codec.encode(line);
            sources.add(ids.length > max ? Arrays.copyOf(ids, max) : ids);
            kept.add(i);
        }
        String[] out = new String[lines.size()];
        Arrays.fill(out, "");
        if (!sources.isEmpty()) {
            List<Hypothesis> best = CorpusDecoding.decode(model.decoder(),
                    sources.toArray(int[][]::new), Search.of(config), BATCH, Math.max(1, threads));
            for (int k = 0; k < best.size(); k++) out[kept.get(k)] = codec.decode(best.get(k).tokens()).strip();
        }
        return Arrays.asList(out);
    }
}
