// `xent score MODEL FILE`: per-text cross-entropy, bits per token and per character, and perplexity under a language model.
package dev.xent.cli;

import dev.xent.data.PlainTextReader;
import dev.xent.data.ReadOptions;
import dev.xent.task.lm.Generator;
import dev.xent.task.lm.LmBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Each non-empty line is one text, scored from a fresh state: the model predicts tokens 2..n and the line's
 * newline (char: '\n'; word: {@code <eos>}; bpe: the newline's token) from the ones before (the first token has no
 * context and is not counted). A token is the model's unit: a character, a word or a BPE token. Columns: predicted
 * tokens, nats per token, bits per token (= nats / ln 2), perplexity per token (= e^nats). A word or BPE model adds
 * the line's characters (code points, newline included) and bits per character = the line's total bits / those
 * characters, comparable with a char model's bits per (predicted) character.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score texts (one per line) with a language model: cross-entropy (nats per token), bits per "
                + "token, perplexity, bits per character, per line and in total (a token: char, word or BPE token).",
        footerHeading = "%nExamples:%n",
        footer = {"  xent score runs/lm-1/model.xent test.txt", "  echo 'Mr President' | xent score model.xent -"})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A language model bundle (.xent).")
    java.nio.file.Path model;

    @Parameters(index = "1", paramLabel = "FILE", description = "UTF-8 text, one text per line; '-' for stdin.")
    String file;

    @Option(names = "--total-only", description = "Print only the total line.")
    boolean totalOnly;

    @Option(names = "--skip-bad-lines", description = "Skip lines that are not valid UTF-8 (counted) instead of stopping.")
    boolean skipBadLines;

    @Override
    public Integer call() throws Exception {
        LmBundle lm = LmBundle.read(model);
        PrintWriter out = spec.commandLine().getOut();
        ReadOptions opts = ReadOptions.defaults().withSkipBadLines(skipBadLines);
        double nats = 0;
        long tokens = 0, chars = 0, texts = 0;
        String u = lm.codec().unit();
        boolean perChar = !u.equals("char");
        if (!totalOnly) {
            out.println("text\t" + u + "s\tnats/" + u + "\tbits/" + u + "\tperplexity" + (perChar ? "\tchars\tbits/char" : ""));
        }
        try (PlainTextReader r = file.equals("-") ? new PlainTextReader(stdin(), "<stdin>", true, opts)
                : PlainTextReader.open(java.nio.file.Path.of(file), true, opts)) {
            long line = 0;
            while (r.hasNext()) {
                String text = r.next() + "\n";
                line++;
                Generator.Score s = lm.score(lm.codec().encode(text));
                long n = text.codePointCount(0, text.length());
                nats += s.nats();
                tokens += s.tokens();
                chars += n;
                texts++;
                if (!totalOnly) out.println(row(Long.toString(line), s.tokens(), s.nats(), perChar ? n : -1));
            }
            if (texts == 0) throw new BadInputException(file + ": no text to score (empty, or only blank lines)");
            out.println(row("total", tokens, nats, perChar ? chars : -1));
            if (r.report().skipped() > 0) out.println("skipped " + r.report().skipped() + " bad lines");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A line of the table (chars < 0: no per-character columns); one token alone has no prediction: NaN. */
    private static String row(String name, long tokens, double nats, long chars) {
        double perToken = tokens == 0 ? Double.NaN : nats / tokens;
        String r = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%.4f\t%.3f", name, tokens, perToken,
                perToken / Math.log(2), Math.exp(perToken));
        return chars < 0 ? r : r + String.format(Locale.ROOT, "\t%d\t%.4f", chars, nats / Math.log(2) / chars);
    }

    private static InputStream stdin() {
        return System.in;
    }
}
