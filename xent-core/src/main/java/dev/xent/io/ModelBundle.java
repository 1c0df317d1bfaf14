package dev.xent.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model in one file: its JSON config, vocabulary/tokenizer sections (JSON or bytes, named by the task),
 * weights as a standalone safetensors blob, provenance, and a SHA-256 checksum (layout: {@link BundleContainer}).
 * Loading parses data only: nothing from the file is executed or used to pick a class.
 * <p>Sections "config", "provenance" and "weights" are reserved; a task adds others such as "vocab".
 */
public final class ModelBundle {
    public static final String CONTENT = "model";
    static final Set<String> RESERVED = Set.of("config", "provenance", "weights");

    private final JsonNode config;
    private final Provenance provenance;
    private final Map<String, BundleSection> extras;
    private final Safetensors.Contents weights;
    private final BundleContainer.Part weightsSection;
    private final String sha256;

    private ModelBundle(JsonNode config, Provenance provenance, Map<String, BundleSection> extras,
                        Safetensors.Contents weights, BundleContainer.Part weightsSection, String sha256) {
        this.config = config;
        this.provenance = provenance;
        this.extras = Collections.unmodifiableMap(extras);
        this.weights = weights;
        this.weightsSection = weightsSection;
        this.sha256 = sha256;
    }

    public static Builder builder(JsonNode config, Provenance provenance) {
        return new Builder(config, provenance);
    }

    /**
     * Collects a bundle's parts. {@link #build} copies the tensors (the bundle keeps the values they had then);
     * {@link #write(Path)} writes them straight from their arrays, with no copy.
     */
    public static final class Builder {
        private final JsonNode config;
        private final Provenance provenance;
        private final Map<String, Tensor> floats = new LinkedHashMap<>();
        private final Map<String, IntTensor> ints = new LinkedHashMap<>();
        private final Map<String, BundleSection> extras = new LinkedHashMap<>();

        private Builder(JsonNode config, Provenance provenance) {
            if (config == null || provenance == null) throw new IllegalArgumentException("config and provenance must not be null");
            this.config = config.deepCopy();
            this.provenance = provenance;
        }

        /** A float32 weight tensor, e.g. "embedding.weight" (safetensors tensor names are free-form). */
        public Builder weight(String name, Tensor t) {
            checkWeightName(name);
            floats.put(name, t);
            return this;
        }

        /** An integer tensor stored with the weights (as I64, PyTorch's long). */
        public Builder intWeight(String name, IntTensor t) {
            checkWeightName(name);
            ints.put(name, t);
            return this;
        }

        private void checkWeightName(String name) {
            if (name == null || name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("weight name must be non-empty and not '__metadata__' (safetensors "
                        + "reserves it); got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (floats.containsKey(name) || ints.containsKey(name)) throw new IllegalArgumentException("weight '" + name + "' added twice");
        }

        /** A JSON section such as a vocabulary or tokenizer description. */
        public Builder json(String name, JsonNode tree) {
            return section(BundleSection.json(name, tree));
        }

        /** An opaque bytes section (copied), such as a tokenizer model file. */
        public Builder bytes(String name, byte[] bytes) {
            return section(BundleSection.bytes(name, bytes));
        }

        private Builder section(BundleSection s) {
            if (RESERVED.contains(s.name())) {
                throw new IllegalArgumentException("section name '" + s.name() + "' is reserved " + RESERVED + "; choose another");
            }
            if (extras.putIfAbsent(s.name(), s) != null) throw new IllegalArgumentException("section '" + s.name() + "' added twice");
            return this;
        }

        /** The bundle, holding copies of the tensors as they are now. */
        public ModelBundle build() {
            Map<String, Tensor> f = new LinkedHashMap<>();
            floats.forEach((k, t) -> f.put(k, t.copy()));
            Map<String, IntTensor> i = new LinkedHashMap<>();
            ints.forEach((k, t) -> i.put(k, IntTensor.of(t.data().clone(), t.shape())));
            return made(f, i);
        }

        /**
         * Writes the bundle atomically, its weights converted straight from the tensors' arrays a chunk at a time
         * (which must not change until this returns): the same file as {@code build().write(file)}, without a copy
         * of the weights in memory.
         */
        public void write(Path file) throws IOException {
            made(floats, ints).write(file);
        }

        private ModelBundle made(Map<String, Tensor> f, Map<String, IntTensor> i) {
            Safetensors.Contents w = new Safetensors.Contents(Collections.unmodifiableMap(f),
                    Collections.unmodifiableMap(i), WEIGHTS_METADATA);
            return new ModelBundle(config, provenance, new LinkedHashMap<>(extras), w, encoded(w), null);
        }
    }

    private static final Map<String, String> WEIGHTS_METADATA = Map.of("format", "pt");

    /** The weights section as this xent writes {@code w}: F32 tensors, then I64 ones, converted when written. */
    private static BundleContainer.Part encoded(Safetensors.Contents w) {
        return BundleContainer.Part.safetensors("weights", Safetensors.encode(w.floats(), w.ints(), w.metadata()));
    }

    // ---------------------------------------------------------------- reading

    /** Loads and verifies a bundle; a damaged, foreign or too-new file is a {@link BundleFormatException}. */
    public static ModelBundle read(Path file) throws IOException {
        return from(BundleContainer.read(file));
    }

    /** As {@link #read(Path)}, for a file held in memory; {@code source} names it in errors. */
    public static ModelBundle parse(byte[] bytes, String source) {
        return from(BundleContainer.parse(bytes, source));
    }

    private static ModelBundle from(BundleContainer.Contents c) {
        if (!CONTENT.equals(c.content())) {
            throw new BundleFormatException(c.source() + ": this is a xent " + c.content() + " file, not a model "
                    + "bundle" + ("checkpoint".equals(c.content()) ? "; load it with Checkpoints/Checkpoint.read" : ""));
        }
        JsonNode config = c.require("config", BundleSection.Kind.JSON).asJson(c.source());
        Provenance provenance = Provenance.fromJson(
                c.require("provenance", BundleSection.Kind.JSON).asJson(c.source()), c.source());
        BundleSection stored = c.require("weights", BundleSection.Kind.SAFETENSORS);
        // The task's sections are kept as copies of their own bytes (small), so the file's bytes are not kept alive.
        Map<String, BundleSection> extras = new LinkedHashMap<>();
        for (BundleSection s : c.sections().values()) {
            if (RESERVED.contains(s.name())) continue;
            if (s.kind() == BundleSection.Kind.JSON) s.asJson(c.source());   // malformed JSON fails at load, not later
            extras.put(s.name(), s.compact());
        }
        Safetensors.Contents w = parseWeights(stored, c.source());
        // Keep the weights once, as tensors: the section is written again from them when it would come out the same
        // bytes (always, for a file this xent wrote); otherwise (another writer's layout) its bytes are kept as read.
        Safetensors.Encoding again = Safetensors.encode(w.floats(), w.ints(), w.metadata());
        BundleContainer.Part weights = again.writes(stored.view())
                ? BundleContainer.Part.safetensors("weights", again) : BundleContainer.Part.of(stored.compact());
        return new ModelBundle(config, provenance, extras, w, weights, c.sha256());
    }

    /** Parses a safetensors section, turning any malformation into an error naming the file and section. */
    static Safetensors.Contents parseWeights(BundleSection section, String source) {
        try {
            return Safetensors.parse(section.view());
        } catch (SafetensorsException | ArithmeticException | IllegalArgumentException e) {
            throw new BundleFormatException(source + ": section '" + section.name() + "' is not valid safetensors ("
                    + e.getMessage() + "); the file was written by a faulty or foreign writer", e);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes the bundle atomically: {@code file} is either the old file or the complete new one, never partial. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::write);
    }

    public void write(OutputStream out) throws IOException {
        List<BundleContainer.Part> sections = new ArrayList<>();
        sections.add(BundleContainer.Part.of(BundleSection.json("config", config)));
        sections.add(BundleContainer.Part.of(BundleSection.json("provenance", provenance.toJson())));
        for (BundleSection s : extras.values()) sections.add(BundleContainer.Part.of(s));
        sections.add(weightsSection);
        BundleContainer.write(out, CONTENT, sections);
    }

    /** Writes the weights section alone as a .safetensors file (atomically) that PyTorch tooling can load. */
    public void exportSafetensors(Path file) throws IOException {
        AtomicFiles.write(file, weightsSection.body());
    }

    // ---------------------------------------------------------------- contents

    public JsonNode config() {
        return config.deepCopy();
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Float weights by name, in file order. */
    public Map<String, Tensor> weights() {
        return weights.floats();
    }

    /** The float weight {@code name}, or an error listing the weights the bundle has. */
    public Tensor weight(String name) {
        return weights.tensor(name);
    }

    public Map<String, IntTensor> intWeights() {
        return weights.ints();
    }

    /** The names of the task's own sections (not config, provenance or weights), in file order. */
    public Set<String> sectionNames() {
        return extras.keySet();
    }

    /** The task's JSON section {@code name}. */
    public JsonNode json(String name) {
        BundleSection s = extra(name);
        if (s.kind() != BundleSection.Kind.JSON) throw new IllegalArgumentException("section '" + name + "' is " + s.kind().id() + ", not json");
        return s.asJson("bundle");
    }

    /** The task's bytes section {@code name} (a copy). */
    public byte[] bytes(String name) {
        BundleSection s = extra(name);
        if (s.kind() != BundleSection.Kind.BYTES) throw new IllegalArgumentException("section '" + name + "' is " + s.kind().id() + ", not bytes");
        return s.bytes().clone();
    }

    private BundleSection extra(String name) {
        BundleSection s = extras.get(name);
        if (s == null) throw new IllegalArgumentException("the bundle has no section '" + name + "'; it has " + extras.keySet());
        return s;
    }

    /** The weights section exactly as stored: a complete safetensors file (made on each call). */
    public byte[] safetensorsBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) weightsSection.length());
        try {
            weightsSection.body().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    /** SHA-256 of the file this bundle was read from (hex), or null for a bundle built in memory. */
    public String sha256() {
        return sha256;
    }
}
