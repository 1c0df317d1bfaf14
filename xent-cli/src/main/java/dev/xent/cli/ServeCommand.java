// `xent serve MODEL --port P`: serves a classifier, tagger, language model or translator over HTTP/JSON until stopped.
package dev.xent.cli;

import dev.xent.serve.ServeConfig;
import dev.xent.serve.ServedModel;
import dev.xent.serve.XentServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a model over HTTP/JSON (endpoints in docs/serving.md): /v1/health, /v1/info, and",
                "/v1/predict (classifier), /v1/tag (tagger), /v1/generate and /v1/score (language model),",
                "/v1/translate (translation model).",
                "Binds 127.0.0.1 unless --host says otherwise. Stops on Ctrl-C, letting requests in flight finish."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent serve runs/sst2/model.xent --port 8080",
                "  curl -s -d '{\"text\": \"a fine film\", \"k\": 2}' http://127.0.0.1:8080/v1/predict",
                "  xent serve runs/de-en/model.xent --port 8081",
                "  curl -s -H 'Content-Type: application/json' -d '{\"text\": \"Ein Hund rennt.\", \"beam\": 5}' "
                        + "http://127.0.0.1:8081/v1/translate"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model bundle (.xent) from `xent train`.")
    Path model;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = ServeConfig.LOOPBACK, paramLabel = "ADDR",
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Override
    public Integer call() throws Exception {
        ServedModel served = ServedModels.load(model);
        XentServer server = XentServer.start(served, ServeConfig.defaults().withHost(host).withPort(port));
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + model + " (" + served.capabilities() + ") on http://" + host + ":" + server.port()
                + "  (Ctrl-C stops)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(5));
            stopped.countDown();
        }));
        stopped.await();
        return ExitCodes.OK;
    }
}
