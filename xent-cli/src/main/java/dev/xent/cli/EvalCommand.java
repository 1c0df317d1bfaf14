// `xent eval MODEL DATA`: a classifier's accuracy, P/R/F1, log loss and confusion matrix, or a language model's perplexity.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifyRun;
import dev.xent.cli.tag.TagRun;
import dev.xent.task.lm.LmBundle;
import dev.xent.data.PlainTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.ReadReport;
import dev.xent.cli.classify.TextClassifier;
import dev.xent.task.lm.Generator;
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

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled data.",
                "Tagger: DATA in CoNLL format; prints token accuracy and, for chunk tags (BIO, BIOES), conlleval's "
                        + "entity report: overall and per-type precision, recall and F1.",
                "Classifier: DATA in fastText format; prints accuracy, log loss, per-class and macro P/R/F1, confusion matrix.",
                "Language model: DATA is UTF-8 text; prints cross-entropy (nats per token: char, word or BPE token), "
                        + "bits per token, perplexity and bits per character over the whole file (a text stream, the "
                        + "state carried across lines)."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent eval runs/sst2/model.xent dev.txt", "  xent eval runs/lm-1/model.xent held-out.txt"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model bundle (.xent).")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "The evaluation file.")
    Path data;

    @Option(names = "--skip-bad-lines", description = "Skip malformed lines (counted) instead of stopping at the first.")
    boolean skipBadLines;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<ReadReport> reports = new ArrayList<>();
        dev.xent.io.ModelBundle bundle = Models.read(model);
        Models.Kind kind = Models.kind(bundle, model);
        if (kind == Models.Kind.TAG) {
            out.print(Tagger.load(bundle, model).evaluate(TagRun.read(data, skipBadLines, reports)).report());
        } else if (kind == Models.Kind.CLASSIFY) {
            TextClassifier c = TextClassifier.load(bundle, model);
            out.print(c.evaluate(ClassifyRun.read(data, skipBadLines, reports)).report());
        } else {
            LmBundle lm = LmBundle.read(bundle, model);
            StringBuilder text = new StringBuilder();
            try (PlainTextReader r = PlainTextReader.open(data, false, ReadOptions.defaults().withSkipBadLines(skipBadLines))) {
                while (r.hasNext()) text.append(r.next()).append('\n');
                reports.add(r.report());
            }
            int[] ids = lm.codec().encode(text.toString());
            String u = lm.codec().unit();
            if (ids.length < 2) throw new BadInputException(data + ": needs at least 2 " + u + " tokens to score");
            Generator.Score s = lm.score(ids);
            double nats = s.natsPerToken();
            long chars = text.codePoints().count();
            if (u.equals("char")) {
                out.printf(Locale.ROOT, "characters %d  cross-entropy %.4f nats/char  bits/char %.4f  perplexity %.3f%n",
                        s.tokens(), nats, nats / Math.log(2), Math.exp(nats));
            } else {   // per token, and the same total spread over the text's characters (comparable across levels)
                out.printf(Locale.ROOT, "%ss %d  cross-entropy %.4f nats/%s  bits/%s %.4f  perplexity %.3f  "
                                + "(characters %d  bits/char %.4f)%n", u, s.tokens(), nats, u, u, nats / Math.log(2),
                        Math.exp(nats), chars, s.nats() / Math.log(2) / chars);
            }
        }
        long skipped = reports.stream().mapToLong(ReadReport::skipped).sum();
        if (skipped > 0) out.println("skipped " + skipped + " bad lines");
        out.flush();
        return ExitCodes.OK;
    }
}
