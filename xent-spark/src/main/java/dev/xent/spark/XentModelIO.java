// Saving and loading an XentModel on any Hadoop path: metadata.json (class, uid, params) and the bundle, model.xent.
package dev.xent.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The directory Spark ML's {@code save(path)} writes: {@code metadata.json} names the class, the uid and the params
 * set on the model (each as Spark's own JSON encoding of its value), and {@code model.xent} is the bundle itself,
 * unchanged, so {@code xent predict path/model.xent …} works on a saved model.
 */
final class XentModelIO {
    static final String BUNDLE = "model.xent";
    static final String METADATA = "metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private XentModelIO() {}

    static final class Writer extends MLWriter {
        private final XentModel model;

        Writer(XentModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            ObjectNode meta = JSON.createObjectNode();
            meta.put("class", XentModel.class.getName()).put("uid", model.uid()).put("sha256", model.sha256());
            ObjectNode params = meta.putObject("params");
            for (Iterator<ParamPair<?>> it = model.extractParamMap().toList().iterator(); it.hasNext(); ) {
                ParamPair<?> p = it.next();
                if (model.isSet(p.param())) params.put(p.param().name(), encode(p));
            }
            Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
            write(conf, new Path(path, METADATA), meta.toString().getBytes(StandardCharsets.UTF_8));
            write(conf, new Path(path, BUNDLE), model.bundle());
        }

        @SuppressWarnings("unchecked")
        private static <T> String encode(ParamPair<T> p) {
            return ((Param<T>) p.param()).jsonEncode(p.value());
        }
    }

    static final class Reader extends MLReader<XentModel> {
        @Override
        public XentModel load(String path) {
            Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
            JsonNode meta;
            try {
                meta = JSON.readTree(read(conf, new Path(path, METADATA)));
            } catch (IOException e) {
                throw new UncheckedIOException(path + "/" + METADATA + ": not JSON (" + e.getMessage() + ")", e);
            }
            if (!meta.path("class").asText().equals(XentModel.class.getName())) {
                throw new IllegalArgumentException(path + " holds a " + meta.path("class").asText("?") + ", not an "
                        + "XentModel. Fix: load it with the class that saved it");
            }
            byte[] bytes = read(conf, new Path(path, BUNDLE));
            ModelBundle b = ModelBundle.parse(bytes, path + "/" + BUNDLE);
            XentModel m = new XentModel(meta.path("uid").asText(), bytes, b.sha256(), Scorer.task(b, path + "/" + BUNDLE));
            for (Iterator<Map.Entry<String, JsonNode>> it = meta.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                setDecoded(m, m.getParam(e.getKey()), e.getValue().asText());
            }
            return m;
        }

        private static <T> void setDecoded(XentModel m, Param<T> p, String json) {
            m.set(p, p.jsonDecode(json));
        }
    }

    static void write(Configuration conf, Path file, byte[] bytes) {
        try (FSDataOutputStream out = file.getFileSystem(conf).create(file, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] read(Configuration conf, Path file) {
        try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage()
                    + ". Fix: give the directory a model was saved to (it holds " + METADATA + " and " + BUNDLE + ")", e);
        }
    }
}
