// `xent generate MODEL --prompt TEXT`: continues a prompt with a trained language model, greedy or sampled, seeded.
package dev.xent.cli;

import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Continue a prompt with a language model (from `xent train lm`). Prints prompt + continuation.",
        footerHeading = "%nExamples:%n",
        footer = {"  xent generate runs/lm-1/model.xent --prompt 'The Commission ' -n 300",
                "  xent generate model.xent --prompt 'We ' --temperature 0      (greedy)",
                "  xent generate model.xent --prompt 'We ' --top-k 5 --seed 7 --count 3"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A language model bundle (.xent).")
    Path model;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "The text to continue (non-empty).")
    String prompt;

    @Option(names = {"-n", "--length"}, defaultValue = "200", paramLabel = "N",
            description = "Tokens to generate: characters, words or BPE tokens, by the model's level. Default: ${DEFAULT-VALUE}.")
    int length;

    @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T",
            description = "Sampling temperature; 0 = greedy (always the most likely). Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
            description = "Sample among the K most likely only (0: no limit). Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P",
            description = "Nucleus sampling: the smallest set of most likely tokens with mass >= P. Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "Number of samples (seeds seed, seed+1, ...).")
    int count;

    @Override
    public Integer call() throws Exception {
        if (prompt.isEmpty()) throw new IllegalArgumentException("--prompt must not be empty; give at least one character");
        if (length < 0 || length > 1_000_000) throw new IllegalArgumentException("--length must be in [0, 1000000]; got " + length);
        if (count < 1) throw new IllegalArgumentException("--count must be >= 1; got " + count);
        LmBundle lm = LmBundle.read(model);
        PrintWriter out = spec.commandLine().getOut();
        int[] ids = lm.codec().encode(prompt);
        if (ids.length == 0) {
            throw new IllegalArgumentException("--prompt '" + prompt + "' holds no " + lm.codec().unit() + " token for this "
                    + lm.codec().level() + "-level model; give at least one word");
        }
        for (int i = 0; i < count; i++) {
            int[] next = lm.generate(ids, length, Sampler.of((float) temperature, topK, (float) topP), seed + i);
            out.println(prompt + lm.codec().continuation(prompt, next));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
