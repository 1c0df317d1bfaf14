// What scoring a text column with one xent bundle adds to each row: the columns of its task and their values.
package dev.xent.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.io.ModelBundle;
import dev.xent.task.classify.FastTextClassifier;
import dev.xent.task.classify.NeuralClassifier;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.tag.Tagger;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded bundle that scores texts in batches. Each result row holds the task's output columns; a text that cannot
 * be scored (null, or the model throws on it) gets nulls there and a message, never an exception, so one bad row
 * never fails a Spark job.
 */
interface Scorer {
    /** One result per text, in order. */
    List<Result> score(List<String> texts);

    /** The output values of one text, or null values and the error. */
    record Result(Object[] values, String error) {
        static Result failed(int columns, String error) {
            return new Result(new Object[columns], error);
        }
    }

    /**
     * The task of a bundle, "classify", "tag" or "lm", from its config alone (the driver plans a job with it and
     * never loads the weights); a bundle of another kind is refused, naming {@code source}.
     */
    static String task(ModelBundle bundle, String source) {
        JsonNode c = bundle.config();
        String format = c.path("format").asText("");
        if (format.equals("xent.fasttext-classifier") || format.equals("xent.neural-classifier")) return "classify";
        if (c.path("task").asText().equals("lm")) return "lm";
        if (c.path("task").asText().equals("tag")) return "tag";
        throw new IllegalArgumentException(source + ": a bundle of a kind XentModel does not score (config format \""
                + format + "\", task \"" + c.path("task").asText("") + "\"); it scores classifiers (xent train classify),"
                + " taggers (xent train tag) and language models (xent train lm)");
    }

    /** The output columns of a task (without the error column), in the order {@link Result#values} fills them. */
    static List<StructField> fields(String task, XentModel names) {
        return switch (task) {
            case "classify" -> List.of(DataTypes.createStructField(names.getPredictionCol(), DataTypes.StringType, true),
                    DataTypes.createStructField(names.getProbabilityCol(), new org.apache.spark.ml.linalg.VectorUDT(), true));
            case "tag" -> List.of(DataTypes.createStructField(names.getTokensCol(),
                            DataTypes.createArrayType(DataTypes.StringType, false), true),
                    DataTypes.createStructField(names.getTagsCol(),
                            DataTypes.createArrayType(DataTypes.StringType, false), true));
            case "lm" -> List.of(DataTypes.createStructField(names.getCrossEntropyCol(), DataTypes.DoubleType, true),
                    DataTypes.createStructField(names.getPerplexityCol(), DataTypes.DoubleType, true));
            default -> throw new IllegalArgumentException("task must be classify, tag or lm; got \"" + task + "\"");
        };
    }

    /** The scorer of {@code bundle} (read from {@code source}, which errors name): its weights loaded. */
    static Scorer of(ModelBundle bundle, String source) {
        String format = bundle.config().path("format").asText("");
        Path file = Path.of(source);
        return switch (task(bundle, source)) {
            case "classify" -> format.equals("xent.fasttext-classifier")
                    ? new ClassifyScorer(FastTextClassifier.load(bundle, file))
                    : new ClassifyScorer(NeuralClassifier.load(bundle, file));
            case "lm" -> new LmScorer(LmBundle.read(bundle, file));
            default -> {
                try {
                    yield new TagScorer(Tagger.load(bundle, file));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(source + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** Message of a failure on one text: its type and message. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** prediction (the most probable label; ties: model label order) and probability (a vector in label order). */
    final class ClassifyScorer implements Scorer {
        private final FastTextClassifier fastText;   // thread-safe: each call has its own buffers
        private final NeuralClassifier neural;       // its forward pass is run by one thread at a time
        private final List<String> labels;

        ClassifyScorer(FastTextClassifier c) {
            this.fastText = c;
            this.neural = null;
            this.labels = c.labels();
        }

        ClassifyScorer(NeuralClassifier c) {
            this.fastText = null;
            this.neural = c;
            this.labels = c.labels();
        }

        List<String> labels() {
            return labels;
        }

        @Override
        public List<Result> score(List<String> texts) {
            List<Result> out = new ArrayList<>(texts.size());
            if (neural != null) {
                List<String> good = texts.stream().filter(t -> t != null).toList();
                float[][] p;
                try {
                    synchronized (neural) {
                        p = neural.probabilities(good);
                    }
                } catch (RuntimeException e) {   // score one by one to find the bad rows
                    if (texts.size() == 1) return List.of(Result.failed(2, describe(e)));
                    for (String t : texts) out.addAll(score(java.util.Collections.singletonList(t)));
                    return out;
                }
                int k = 0;
                for (String t : texts) out.add(t == null ? nullText() : result(p[k++]));
                return out;
            }
            for (String t : texts) {
                if (t == null) {
                    out.add(nullText());
                    continue;
                }
                try {
                    out.add(result(fastText.probabilities(t)));
                } catch (RuntimeException e) {
                    out.add(Result.failed(2, describe(e)));
                }
            }
            return out;
        }

        private Result result(float[] p) {
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            double[] d = new double[p.length];
            for (int c = 0; c < p.length; c++) d[c] = p[c];   // float -> double is exact: the same probabilities
            return new Result(new Object[] {labels.get(best), Vectors.dense(d)}, null);
        }
    }

    /**
     * tokens (the text split at whitespace, as {@code xent predict} splits a line) and tags (one per token); a
     * sentence batch runs as one batched forward pass, and a batch that fails is retried row by row.
     */
    final class TagScorer implements Scorer {
        private final Tagger tagger;   // one thread at a time: eval mode is switched around each batch

        TagScorer(Tagger tagger) {
            this.tagger = tagger;
        }

        @Override
        public List<Result> score(List<String> texts) {
            List<List<String>> sentences = new ArrayList<>();
            for (String t : texts) {
                String line = t == null ? "" : t.strip();
                sentences.add(line.isEmpty() ? List.of() : List.of(line.split("\\s+")));
            }
            List<List<String>> tags;
            try {
                synchronized (tagger) {
                    tags = tagger.tagAll(sentences);
                }
            } catch (RuntimeException e) {
                if (texts.size() == 1) return List.of(Result.failed(2, describe(e)));
                List<Result> out = new ArrayList<>(texts.size());
                for (String t : texts) out.addAll(score(java.util.Collections.singletonList(t)));
                return out;
            }
            List<Result> out = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                out.add(texts.get(i) == null ? nullText() : new Result(new Object[] {
                        sentences.get(i).toArray(String[]::new), tags.get(i).toArray(String[]::new)}, null));
            }
            return out;
        }
    }

    /** crossEntropy (nats per token of the text) and perplexity (its exp). */
    final class LmScorer implements Scorer {
        private final LmBundle lm;   // one thread at a time: the forward pass reuses its buffers

        LmScorer(LmBundle lm) {
            this.lm = lm;
        }

        @Override
        public List<Result> score(List<String> texts) {
            List<Result> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                if (t == null) {
                    out.add(nullText());
                    continue;
                }
                try {
                    Generator.Score s;
                    synchronized (lm) {
                        s = lm.score(t);
                    }
                    if (s.tokens() == 0) {
                        out.add(Result.failed(2, "the text has no token to predict after its first; give a longer text"));
                    } else {
                        out.add(new Result(new Object[] {s.natsPerToken(), Math.exp(s.natsPerToken())}, null));
                    }
                } catch (RuntimeException e) {
                    out.add(Result.failed(2, describe(e)));
                }
            }
            return out;
        }
    }

    private static Result nullText() {
        return Result.failed(2, "the text is null");
    }
}
