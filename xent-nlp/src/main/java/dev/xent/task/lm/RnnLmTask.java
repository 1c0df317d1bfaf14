// The LSTM/GRU language model as a TrainTask: truncated BPTT over a token stream, the hidden state carried between steps.
package dev.xent.task.lm;

import dev.xent.nn.Module;
import dev.xent.tensor.Rng;
import dev.xent.tensor.Tensor;
import dev.xent.tensor.Workspace;
import dev.xent.train.Selection;
import dev.xent.train.TaskState;
import dev.xent.train.TrainTask;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * As pytorch/examples' word_language_model main.py: an epoch is the batches of the {@link BpttStream} in order;
 * batch k starts from the state batch k − 1 ended in (detached: gradients stop at the window), and each epoch
 * starts from a zero state (init_hidden). The state after the last applied step (h per layer; c too for an LSTM)
 * is checkpointed, so a run resumed mid-epoch continues exactly. Dropout draws from {@code dropoutRng}.
 *
 * <p>Validation: the mean per-token loss (nats) over the whole validation stream from a zero state, dropout off
 * (main.py's evaluate: Σ_batches len·loss / Σ len), logged as val_loss, val_perplexity = e^loss and
 * val_bits_per_&lt;unit&gt; = loss / ln 2. The best model is the one of lowest val_loss.
 */
public final class RnnLmTask implements TrainTask {
    private final LstmLanguageModel model;
    private final BpttStream train, valid;
    private final Rng dropoutRng;
    private final String unit;
    private LstmLanguageModel.State state, next;

    /**
     * @param valid      the validation stream, or null for none
     * @param dropoutRng the generator of dropout masks (null only when the model's dropout is 0)
     * @param unit       what one token is, for the metric names: "char", "word" or "token"
     */
    public RnnLmTask(LstmLanguageModel model, BpttStream train, BpttStream valid, Rng dropoutRng, String unit) {
        this.model = model;
        this.train = train;
        this.valid = valid;
        this.dropoutRng = dropoutRng;
        this.unit = unit;
    }

    @Override
    public Module model() {
        return model;
    }

    @Override
    public int batches(int epoch) {
        return train.batches();
    }

    @Override
    public void beginEpoch(int epoch) {
        state = model.initialState(train.batchSize());
    }

    @Override
    public Tensor loss(int epoch, int batch) {
        if (state == null) state = model.initialState(train.batchSize());
        LstmLanguageModel.Output out = model.forward(train.input(batch), train.target(batch), state, dropoutRng);
        next = out.state();   // a heap copy without graph: kept once the step is applied
        return out.loss();
    }

    @Override
    public void endStep() {
        state = next;
    }

    @Override
    public long units(int epoch, int batch) {
        return (long) train.length(batch) * train.batchSize();
    }

    /** The loss is the mean over the batch's predicted tokens: their count. */
    @Override
    public double lossWeight(int epoch, int batch) {
        return units(epoch, batch);
    }

    @Override
    public String unit() {
        return "tokens";
    }

    @Override
    public Map<String, Double> validate() {
        if (valid == null) return Map.of();
        Workspace ws = Workspace.open();   // its own: the eval shapes do not stay in the step workspace
        ws.close();
        return LmTask.validationLogs(model.evaluate(valid, ws), unit);
    }

    @Override
    public Selection selection() {
        return Selection.minimize("val_loss");
    }

    @Override
    public Map<String, Rng> rngs() {
        return dropoutRng == null ? Map.of() : Map.of("dropout", dropoutRng);
    }

    /** "h0", "h1", … (B, H) per layer, and "c0", … for an LSTM; empty before the first step. */
    @Override
    public TaskState state() {
        if (state == null) return TaskState.EMPTY;
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int l = 0; l < state.h().length; l++) {
            t.put("h" + l, state.h()[l]);
            if (state.c() != null) t.put("c" + l, state.c()[l]);
        }
        return TaskState.ofTensors(t);
    }

    @Override
    public void restore(TaskState saved) {
        if (saved.isEmpty()) {
            state = null;
            return;
        }
        int layers = model.layers();
        boolean lstm = model.cell() == LstmLanguageModel.Cell.LSTM;
        Tensor[] h = new Tensor[layers], c = lstm ? new Tensor[layers] : null;
        for (int l = 0; l < layers; l++) {
            h[l] = saved.tensor("h" + l);
            if (lstm) c[l] = saved.tensor("c" + l);
        }
        state = new LstmLanguageModel.State(h, c);
    }

    /** Batch size, BPTT window and the stream's length fix the batches. */
    @Override
    public Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("batch", train.batchSize());
        f.put("bptt", train.bptt());
        f.put("train_tokens", train.tokens());
        return f;
    }

    public BpttStream train() {
        return train;
    }

    /** The validation stream, or null. */
    public BpttStream valid() {
        return valid;
    }
}
