// `xent translate MODEL [FILE|-]`: one translation per input line, greedy or beam search, in input order.
package dev.xent.cli;

import dev.xent.data.DataException;
import dev.xent.metrics.Bleu;
import dev.xent.metrics.ChrF;
import dev.xent.task.translate.ParallelCorpus;
import dev.xent.task.translate.TranslationBundle;
import dev.xent.task.translate.decode.SearchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Translate text with a model from `xent train translate`: one output line per input line "
                + "(a blank line gives a blank line), in order.",
                "Beam search ranks finished translations by log p / ((5 + |Y|) / 6)^alpha (GNMT); at most "
                        + "maxLenA * |source| + maxLenB tokens."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent translate runs/de-en/model.xent test.de.gz --beam 5 > test.hyp.en",
                "  echo 'Ein Hund rennt durch den Schnee.' | xent translate runs/de-en/model.xent -",
                "  xent translate model.xent test.de --beam 1        (greedy)",
                "  xent translate model.xent test.de.gz --ref test.en.gz --time > hyp.en   (BLEU, chrF2 on stderr)"})
final class TranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A translation model bundle (.xent).")
    Path model;

    @Parameters(index = "1", arity = "0..1", defaultValue = "-", paramLabel = "FILE",
            description = "Source text, one sentence a line, plain or gzipped; - (default) reads standard input.")
    String input;

    @Option(names = {"--beam", "-beam"}, defaultValue = "5", paramLabel = "K",
            description = "Beam size; 1 = greedy. Default: ${DEFAULT-VALUE}.")
    int beam;

    @Option(names = "--alpha", defaultValue = "0.6", paramLabel = "A",
            description = "GNMT length-penalty exponent (0: none). Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--max-len-a", defaultValue = "1.2", paramLabel = "A",
            description = "Output length cap a * |source| + b, a. Default: ${DEFAULT-VALUE}.")
    double maxLenA;

    @Option(names = "--max-len-b", defaultValue = "10", paramLabel = "B",
            description = "Output length cap, b. Default: ${DEFAULT-VALUE}.")
    int maxLenB;

    @Option(names = {"--thread", "-thread"}, defaultValue = "2", paramLabel = "N",
            description = "Decoding threads (batches of 64 sentences in parallel). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--time", description = "Print the decoding time and sentences/s on standard error.")
    boolean time;

    @Option(names = "--ref", paramLabel = "FILE",
            description = "Reference translations (line i of FILE translates input line i): print corpus BLEU "
                    + "(sacreBLEU's defaults) and chrF2 of the output on standard error.")
    Path ref;

    @Override
    public Integer call() throws Exception {
        SearchConfig search = new SearchConfig(beam, alpha, maxLenA, maxLenB);
        if (threads < 1) throw new IllegalArgumentException("--thread must be >= 1; got " + threads);
        TranslationBundle bundle = TranslationBundle.read(model);
        List<String> lines;
        if (input.equals("-")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            lines = r.lines().toList();
        } else {
            try {
                lines = ParallelCorpus.lines(Path.of(input));
            } catch (DataException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        List<String> out = bundle.translate(lines, search, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        for (String s : out) w.println(s);
        w.flush();
        if (ref != null) {
            List<String> refs;
            try {
                refs = ParallelCorpus.lines(ref);
            } catch (DataException e) {
                throw new BadInputException(e.getMessage());
            }
            if (refs.size() != out.size()) {
                throw new BadInputException(ref + " has " + refs.size() + " lines but the input has " + out.size()
                        + "; give the references of exactly these sentences");
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "%s%nchrF2 = %.2f%n", Bleu.corpus(out, refs),
                    ChrF.corpus(out, refs));
        }
        if (time) {
            spec.commandLine().getErr().printf(Locale.ROOT, "translated %d lines in %.1f s (%.1f sentences/s), beam %d%n",
                    lines.size(), seconds, lines.size() / Math.max(seconds, 1e-9), beam);
        }
        return ExitCodes.OK;
    }
}
