// `xent train translate`: an encoder-decoder Transformer on a parallel corpus (two line-aligned files).
package dev.xent.cli;

import dev.xent.cli.translate.TranslateRun;
import dev.xent.cli.translate.TranslateSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainTranslateCommand.Flags.class,
        description = {"Train a translation model: a pre-norm encoder-decoder Transformer (-model transformer) or an "
                + "attention RNN (-model rnn) over one BPE vocabulary shared by both languages (tied embeddings), "
                + "label-smoothed cross-entropy, length-bucketed batches.",
                "The files are one sentence a line, plain or gzipped; line i of the target translates line i of the "
                        + "source. With validation files each epoch prints validation perplexity and greedy BLEU on "
                        + "all validation lines, and the model kept is the epoch of best BLEU. The defaults are the "
                        + "measured Multi30k recipes of each -model (docs/translation.md). Writes runs/<name>/ with "
                        + "model.xent and report.html (curves, sample translations)."},
        footer = {"Examples:",
                "  xent train translate -src train.de.gz -tgt train.en.gz \\",
                "      -valid-src val.de.gz -valid-tgt val.en.gz --set maxSeconds=7200 -output de-en",
                "  xent train translate -model rnn -src train.de.gz -tgt train.en.gz \\",
                "      -valid-src val.de.gz -valid-tgt val.en.gz --set maxSeconds=7200 -output de-en-rnn",
                "  xent translate runs/de-en/model.xent test.de --beam 5",
                "  xent eval runs/de-en/model.xent test.de.gz test.en.gz",
                "  xent train translate --resume runs/de-en"})
final class TrainTranslateCommand implements Callable<Integer> {
    /** The flags and settings list of {@link TranslateSettings#TABLE}. */
    static final class Flags extends SettingFlags {
        Flags() {
            super(TranslateSettings.TABLE);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    ProgressFlags progress;

    @Option(names = {"-src", "--src"}, paramLabel = "FILE", order = SettingFlags.FIRST - 4,
            description = "Training source-language file, one sentence a line, plain or gzipped; the same "
                    + "setting as -input.")
    String src;

    @Option(names = {"-tgt", "--tgt"}, paramLabel = "FILE", order = SettingFlags.FIRST - 3,
            description = "Training target-language file, line i translating line i of -src; the same "
                    + "setting as -target.")
    String tgt;

    @Option(names = {"-valid-src", "--valid-src"}, paramLabel = "FILE", order = SettingFlags.FIRST - 2,
            description = "Validation source-language file (BLEU, perplexity, the epoch kept); the same "
                    + "setting as -valid.")
    String validSrc;

    @Option(names = {"-valid-tgt", "--valid-tgt"}, paramLabel = "FILE", order = SettingFlags.FIRST - 1,
            description = "Validation reference translations, line i translating line i of -valid-src; "
                    + "the same setting as -validTarget.")
    String validTgt;

    @Option(names = {"-model", "--model"}, paramLabel = "MODEL", order = SettingFlags.FIRST - 5,
            description = "transformer (default) or rnn (bi-GRU encoder, GRU decoder with attention).")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = TranslateSettings.TABLE.chooseModel(model, flags.set.get("model"), flags.config, runFlags.resume);
        if (model != null) flags.set.put("model", kind);
        Map<String, String> given = SettingFlags.given(spec, TranslateSettings.TABLE);
        alias(given, "-src", src, "input");
        alias(given, "-tgt", tgt, "target");
        alias(given, "-valid-src", validSrc, "valid");
        alias(given, "-valid-tgt", validTgt, "validTarget");
        TrainSetup s = TrainSetup.start(TranslateSettings.TABLE, kind, given, flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> TranslateRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out));
        out.flush();
        return ExitCodes.OK;
    }

    /** A short flag (-src) is the setting {@code key} (-input); giving both is refused. */
    static void alias(Map<String, String> given, String flag, String value, String key) {
        if (value == null) return;
        if (given.containsKey(key)) {
            throw new IllegalArgumentException(flag + " and -" + key + " are the same setting; give one of them");
        }
        given.put(key, value);
    }
}
