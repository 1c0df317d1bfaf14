// One training step as a progress display sees it: where, the loss, the rate, the throughput.
package dev.xent.train;

/**
 * @param step            applied steps so far, counting this one (1-based)
 * @param epoch           0-based epoch of this step
 * @param epochs          epochs the run is asked to train
 * @param batch           0-based batch index within the epoch
 * @param batchesPerEpoch batches in this epoch
 * @param loss            this step's loss
 * @param lr              learning rate the step used
 * @param gradNorm        global gradient L2 norm before clipping
 * @param unitsPerSecond  the task's units (examples, tokens) trained per second of wall time, over this session
 * @param unit            what the task counts ("examples", "tokens")
 * @param seconds         seconds of training in the run so far, over resumes
 */
public record Progress(long step, int epoch, int epochs, int batch, int batchesPerEpoch, float loss, double lr,
                       double gradNorm, double unitsPerSecond, String unit, double seconds) {}
