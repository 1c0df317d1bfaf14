// `xent predict MODEL [FILE|-] [-k K]`: fastText-like predictions, "__label__pos 0.93" per input line.
package dev.xent.cli;

import dev.xent.data.PlainTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.io.ModelBundle;
import dev.xent.cli.classify.TextClassifier;
import dev.xent.task.classify.Prediction;
import dev.xent.task.tag.Tagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One output line per input line, so outputs align with inputs: a blank input line gives a blank output line, and so
 * does a line skipped as bad with --skip-bad-lines (the count goes to stderr).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the labels of texts (one per line) with a classifier; prints the top K labels with "
                + "their probabilities, as fastText's predict-prob: __label__pos 0.93 __label__neg 0.07",
        footerHeading = "%nExamples:%n",
        footer = {"  xent predict runs/sst2/model.xent test.txt", "  echo 'a fine film' | xent predict model.xent - -k 2"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A classifier bundle (.xent) from `xent train classify` (any -model).")
    Path model;

    @Parameters(index = "1", paramLabel = "FILE", defaultValue = "-",
            description = "UTF-8 text, one text per line; '-' (default) reads stdin. Labels on the line (__label__x) are ignored.")
    String file;

    @Option(names = {"-k", "--k"}, defaultValue = "1", paramLabel = "K", description = "Labels per line. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--skip-bad-lines", description = "A line that is not valid UTF-8 (or too long) gives an empty "
            + "output line, counted on stderr, instead of stopping; the output stays aligned with the input.")
    boolean skipBadLines;

    @Option(names = "--ensemble", paramLabel = "MODEL", split = ",",
            description = "Taggers: more tagger bundles trained on the same tags; MODEL and these tag as one ensemble "
                    + "(as in `xent eval --ensemble`).")
    List<Path> ensemble = new ArrayList<>();

    /** Lines of a file read before their predictions are printed; stdin answers line by line (interactive use). */
    private static final int CHUNK = 256;

    /** What is done with each input line's text ("" for a line skipped as bad). */
    private interface LineHandler {
        void line(String text) throws Exception;
    }

    /**
     * Hands every input line to {@code each} in order, a bad one (with --skip-bad-lines) as "", and reports the
     * number of bad lines on stderr. A reader skips bad lines by itself; its count of them, read before each record,
     * says how many were skipped just before it.
     */
    private void eachLine(LineHandler each) throws Exception {
        ReadOptions opts = ReadOptions.defaults().withSkipBadLines(skipBadLines);
        try (PlainTextReader r = file.equals("-") ? new PlainTextReader(System.in, "<stdin>", false, opts)
                : PlainTextReader.open(Path.of(file), false, opts)) {
            long bad = 0;
            while (true) {
                boolean more = r.hasNext();
                for (; bad < r.report().skipped(); bad++) each.line("");
                if (!more) break;
                each.line(r.next());
            }
            if (bad > 0) {
                spec.commandLine().getErr().println("xent: skipped " + bad + " bad line" + (bad == 1 ? "" : "s")
                        + " (an empty output line each); the first: " + r.report().problems().get(0));
            }
        }
    }

    /** A tagger: each line is one sentence of whitespace-separated tokens; prints token/TAG pairs. */
    private int tag(ModelBundle bundle) throws Exception {
        Tagger one = Tagger.load(bundle, model);
        Function<List<String>, List<String>> t = ensemble.isEmpty() ? one::tag : EvalCommand.ensemble(one, ensemble)::tag;
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = file.equals("-");
        eachLine(text -> {
            String line = text.strip();
            if (line.isEmpty()) {
                out.println();
            } else {
                List<String> toks = List.of(line.split("\\s+"));
                List<String> tags = t.apply(toks);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < tags.size(); i++) {
                    if (i > 0) sb.append(' ');
                    sb.append(toks.get(i)).append('/').append(tags.get(i));
                }
                out.println(sb);
            }
            if (interactive) out.flush();
        });
        out.flush();
        return ExitCodes.OK;
    }

    /** Prints one line per text of {@code chunk} (blank for a blank text) and empties it. */
    private void print(TextClassifier c, List<String> chunk, PrintWriter out) {
        List<String> texts = new ArrayList<>();
        for (String t : chunk) if (!t.isBlank()) texts.add(t);
        List<List<Prediction>> predicted = texts.isEmpty() ? List.of() : c.predict(texts, k);
        int next = 0;
        for (String t : chunk) {
            if (t.isBlank()) {
                out.println();
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (Prediction p : predicted.get(next++)) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append("__label__").append(p.label()).append(' ')
                        .append(String.format(Locale.ROOT, "%.5f", p.probability()));
            }
            out.println(sb);
        }
        chunk.clear();
    }

    @Override
    public Integer call() throws Exception {
        if (k < 1) throw new IllegalArgumentException("-k must be >= 1; got " + k);
        ModelBundle bundle = Models.read(model);   // read and verified once: it holds the weights
        Models.Kind kind = Models.kind(bundle, model);
        if (!ensemble.isEmpty() && kind != Models.Kind.TAG) {
            throw new IllegalArgumentException("--ensemble applies to taggers only; " + model + " is not a tagger");
        }
        if (kind == Models.Kind.TAG) return tag(bundle);
        if (kind == Models.Kind.TRANSLATE) {
            throw new BadInputException(model + " is a translation model; `xent predict` needs a classifier or a "
                    + "tagger. Translate with `xent translate " + model + " FILE`");
        }
        if (kind != Models.Kind.CLASSIFY) {
            throw new BadInputException(model + " is a language model; `xent predict` needs a classifier. For a "
                    + "language model use `xent generate` or `xent score`");
        }
        TextClassifier c = TextClassifier.load(bundle, model);
        PrintWriter out = spec.commandLine().getOut();
        List<String> chunk = new ArrayList<>();   // lines predicted together (a neural model batches them)
        int size = file.equals("-") ? 1 : CHUNK;
        eachLine(text -> {
            chunk.add(text.replaceAll("(^|\\s)__label__\\S+", " "));   // gold labels are not input
            if (chunk.size() == size) {
                print(c, chunk, out);
                out.flush();
            }
        });
        print(c, chunk, out);
        out.flush();
        return ExitCodes.OK;
    }
}
