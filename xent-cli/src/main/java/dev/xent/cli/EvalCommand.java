// `xent eval MODEL DATA`: a classifier's or tagger's scores, a language model's perplexity, a translator's BLEU/chrF.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifyRun;
import dev.xent.cli.tag.TagRun;
import dev.xent.data.DataException;
import dev.xent.io.ModelBundle;
import dev.xent.task.translate.ParallelCorpus;
import dev.xent.task.translate.TranslationBundle;
import dev.xent.task.translate.TranslationEval;
import dev.xent.task.translate.decode.SearchConfig;
import dev.xent.task.lm.LmBundle;
import dev.xent.data.PlainTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.data.ReadReport;
import dev.xent.cli.classify.TextClassifier;
import dev.xent.task.lm.Generator;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.EnsembleTagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
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
                        + "state carried across lines).",
                "Translation model: xent eval MODEL SRC TGT, two line-aligned files (plain or gzipped); translates SRC "
                        + "(--beam, --alpha, --thread) and prints corpus BLEU (sacreBLEU's default) and chrF2 against "
                        + "TGT, and the cross-entropy (nats per BPE token) and perplexity of TGT under the model, "
                        + "teacher-forced."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent eval runs/sst2/model.xent dev.txt", "  xent eval runs/lm-1/model.xent held-out.txt",
                "  xent eval runs/pos-1/model.xent test.conllu --ensemble runs/pos-2/model.xent,runs/pos-3/model.xent",
                "  xent eval runs/de-en/model.xent test_2016_flickr.de.gz test_2016_flickr.en.gz --beam 5"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model bundle (.xent).")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "The evaluation file (a translation model: the "
            + "source-language file SRC).")
    Path data;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TGT",
            description = "Translation models only: the reference translations, line i translating line i of SRC.")
    Path target;

    @Option(names = {"--beam", "-beam"}, paramLabel = "K",
            description = "Translation: beam size, 1 = greedy. Default: 5.")
    Integer beam;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Translation: GNMT length-penalty exponent (0: none). Default: 0.6.")
    Double alpha;

    @Option(names = {"--thread", "-thread"}, paramLabel = "N",
            description = "Translation: decoding threads (batches of 64 sentences in parallel). Default: 2.")
    Integer threads;

    @Option(names = "--skip-bad-lines", description = "Skip malformed lines (counted) instead of stopping at the first.")
    boolean skipBadLines;

    @Option(names = "--ensemble", paramLabel = "MODEL", split = ",",
            description = "Taggers: more tagger bundles trained on the same tags (e.g. with other -seed values); MODEL "
                    + "and these are scored as one ensemble: softmax probabilities averaged per token, or for CRF "
                    + "taggers the emission, transition, start and end scores averaged and decoded by Viterbi.")
    List<Path> ensemble = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<ReadReport> reports = new ArrayList<>();
        ModelBundle bundle = Models.read(model);
        Models.Kind kind = Models.kind(bundle, model);
        if (!ensemble.isEmpty() && kind != Models.Kind.TAG) {
            throw new IllegalArgumentException("--ensemble applies to taggers only; " + model + " is not a tagger");
        }
        if (kind == Models.Kind.TRANSLATE) return translation(bundle, out);
        if (target != null || beam != null || alpha != null || threads != null) {
            String given = target != null ? "a third file (TGT " + target + ")" : beam != null ? "--beam"
                    : alpha != null ? "--alpha" : "--thread";
            String what = switch (kind) {
                case CLASSIFY -> "classifier";
                case TAG -> "tagger";
                default -> "language model";
            };
            throw new IllegalArgumentException(given + " applies to translation models only; " + model + " is a "
                    + what + ", evaluated on one file: xent eval MODEL DATA");
        }
        if (kind == Models.Kind.TAG && !ensemble.isEmpty()) {
            EnsembleTagger e = ensemble(Tagger.load(bundle, model), ensemble);
            out.println("ensemble of " + e.members().size() + " taggers");
            out.print(e.evaluate(TagRun.read(data, skipBadLines, reports)).report());
        } else if (kind == Models.Kind.TAG) {
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

    /** {@code first} and the taggers in {@code more} (each must be a tagger bundle) as one ensemble. */
    static EnsembleTagger ensemble(Tagger first, List<Path> more) throws IOException {
        List<Tagger> members = new ArrayList<>(List.of(first));
        for (Path p : more) {
            ModelBundle b = Models.read(p);
            if (Models.kind(b, p) != Models.Kind.TAG) {
                throw new IllegalArgumentException("--ensemble " + p + ": not a tagger; every member must be a tagger "
                        + "trained on the same tags");
            }
            members.add(Tagger.load(b, p));
        }
        try {
            return EnsembleTagger.of(members);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ensemble: " + e.getMessage() + " (member 0 is MODEL, member i the "
                    + "i-th --ensemble file)", e);
        }
    }

    /** BLEU, chrF2 and the references' cross-entropy of a translation model on SRC (= DATA) and TGT. */
    private int translation(ModelBundle bundle, PrintWriter out) throws IOException {
        if (target == null) {
            throw new IllegalArgumentException(model + " is a translation model: it is evaluated on two files, "
                    + "xent eval MODEL SRC TGT; got only SRC " + data + ". Give the reference translations of SRC too");
        }
        int k = beam == null ? SearchConfig.DEFAULT.beam() : beam;
        double a = alpha == null ? SearchConfig.DEFAULT.alpha() : alpha;
        int n = threads == null ? 2 : threads;
        if (n < 1) throw new IllegalArgumentException("--thread must be >= 1; got " + n);
        SearchConfig search = SearchConfig.DEFAULT.withBeam(k).withAlpha(a);
        TranslationBundle translator = TranslationBundle.read(bundle, model);
        ParallelCorpus test;
        try {
            test = ParallelCorpus.read(data, target);
        } catch (DataException e) {
            throw new BadInputException(e.getMessage() + " (xent eval MODEL SRC TGT: SRC " + data + ", TGT " + target
                    + ")");
        }
        out.print(TranslationEval.run(translator, test, search, n).report());
        out.flush();
        return ExitCodes.OK;
    }
}
