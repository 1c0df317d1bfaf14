// `xent info MODEL`: a model bundle's config, provenance, sections, weight sizes and metrics.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.BundleContainer;
import dev.xent.io.BundleSection;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Reads the file once; prints text for people or, with --json, one JSON object for scripts. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show what a model bundle holds: config, provenance (xent version, time, seed, data "
                + "fingerprint), sections, parameter counts per tensor, file size, and metrics.",
        footerHeading = "%nExamples:%n",
        footer = {"  xent info runs/sst2/model.xent", "  xent info model.xent --json | jq .weights"})
final class InfoCommand implements Callable<Integer> {
    /** A task may store its final metrics in a JSON section of this name; info shows it. */
    static final String METRICS_SECTION = "metrics";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model bundle file (.xent).")
    Path model;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(model)) {
            throw new BadInputException(model + " is a directory, not a model bundle file; a run directory keeps its"
                    + " model in " + model.resolve("model.xent"));
        }
        byte[] bytes = Files.readAllBytes(model);
        String source = model.toString();
        ModelBundle bundle = ModelBundle.parse(bytes, source);
        BundleContainer.Contents container = BundleContainer.parse(bytes, source);
        ObjectNode info = describe(bundle, container, bytes.length);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(info));
        } else {
            printText(out, info);
        }
        return ExitCodes.OK;
    }

    static ObjectNode describe(ModelBundle bundle, BundleContainer.Contents container, long fileBytes) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", container.source());
        o.put("file_bytes", fileBytes);
        o.put("sha256", container.sha256());
        o.set("config", bundle.config());
        Provenance p = bundle.provenance();
        ObjectNode prov = o.putObject("provenance");
        prov.put("xent_version", p.xentVersion());
        prov.put("created", p.created().toString());
        prov.put("java_version", p.javaVersion());
        prov.put("seed", p.seed());
        ObjectNode data = prov.putObject("data");
        p.data().forEach(data::put);
        ArrayNode sections = o.putArray("sections");
        for (BundleSection s : container.sections().values()) {
            sections.addObject().put("name", s.name()).put("kind", s.kind().name().toLowerCase(Locale.ROOT))
                    .put("bytes", s.length());
        }
        ArrayNode weights = o.putArray("weights");
        long total = 0;
        for (Map.Entry<String, Tensor> e : bundle.weights().entrySet()) {
            total += addWeight(weights, e.getKey(), "F32", e.getValue().shape(), e.getValue().size());
        }
        for (Map.Entry<String, IntTensor> e : bundle.intWeights().entrySet()) {
            total += addWeight(weights, e.getKey(), "I64", e.getValue().shape(), e.getValue().size());
        }
        o.put("parameters", total);
        if (bundle.sectionNames().contains(METRICS_SECTION)) {
            try {
                o.set("metrics", bundle.json(METRICS_SECTION));
            } catch (IllegalArgumentException notJson) {
                // a bytes section named "metrics" is the task's own business; nothing to show
            }
        }
        return o;
    }

    private static long addWeight(ArrayNode weights, String name, String dtype, int[] shape, long size) {
        ObjectNode w = weights.addObject().put("name", name).put("dtype", dtype);
        ArrayNode s = w.putArray("shape");
        for (int d : shape) s.add(d);
        w.put("parameters", size);
        return size;
    }

    private static void printText(PrintWriter out, ObjectNode info) throws IOException {
        out.printf(Locale.ROOT, "file        %s (%s, sha256 %s)%n", info.get("file").asText(),
                Sizes.bytes(info.get("file_bytes").asLong()), info.get("sha256").asText());
        JsonNode p = info.get("provenance");
        out.printf(Locale.ROOT, "provenance  xent %s, created %s, Java %s, seed %d%n", p.get("xent_version").asText(),
                p.get("created").asText(), p.get("java_version").asText(), p.get("seed").asLong());
        if (p.get("data").isEmpty()) {
            out.println("data        (no training files recorded)");
        }
        p.get("data").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "data        %s  sha256 %s%n",
                e.getKey(), e.getValue().asText()));
        out.println("config");
        indent(out, JSON.writeValueAsString(info.get("config")));
        out.println("sections");
        for (JsonNode s : info.get("sections")) {
            out.printf(Locale.ROOT, "  %-24s %-12s %s%n", s.get("name").asText(), s.get("kind").asText(),
                    Sizes.bytes(s.get("bytes").asLong()));
        }
        out.println("weights");
        int nameWidth = 8;
        for (JsonNode w : info.get("weights")) nameWidth = Math.max(nameWidth, w.get("name").asText().length());
        for (JsonNode w : info.get("weights")) {
            int[] shape = new int[w.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = w.get("shape").get(i).asInt();
            out.printf(Locale.ROOT, "  %-" + nameWidth + "s %-4s %-18s %,14d%n", w.get("name").asText(),
                    w.get("dtype").asText(), Arrays.toString(shape), w.get("parameters").asLong());
        }
        out.printf(Locale.ROOT, "  %-" + nameWidth + "s %-4s %-18s %,14d%n", "total", "", "",
                info.get("parameters").asLong());
        if (info.has("metrics")) {
            out.println("metrics");
            indent(out, JSON.writeValueAsString(info.get("metrics")));
        }
    }

    private static void indent(PrintWriter out, String text) {
        text.lines().forEach(l -> out.println("  " + l));
    }
}
