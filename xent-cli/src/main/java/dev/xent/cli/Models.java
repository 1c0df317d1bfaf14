// Tells which task a model bundle belongs to, from its config, before loading it with that task's reader.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.io.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Models {
    private Models() {}

    enum Kind { CLASSIFY, LM, TAG, TRANSLATE }

    /** The bundle, read and verified once: the task's loader takes it as it is. */
    static ModelBundle read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not a model bundle; a run directory keeps its model "
                    + "in " + file.resolve("model.xent"));
        }
        return ModelBundle.read(file);
    }

    /** The task of {@code bundle}, read from {@code file}. */
    static Kind kind(ModelBundle bundle, Path file) {
        JsonNode c = bundle.config();
        if (dev.xent.cli.classify.TextClassifier.handles(c.path("format").asText())) return Kind.CLASSIFY;
        if (c.path("task").asText().equals("lm")) return Kind.LM;
        if (c.path("task").asText().equals("tag")) return Kind.TAG;
        if (c.path("task").asText().equals("translate")) return Kind.TRANSLATE;
        throw new BadInputException(file + " is a model bundle of a kind these commands do not handle (config: "
                + c.path("task").asText(c.path("format").asText("?")) + "); they handle classifiers, taggers, "
                + "language models and translation models (xent train classify|tag|lm|translate)");
    }
}
