// Two independent single-layer LSTMs (a BiLSTM's directions) in one op, run on two threads when there are two.
package dev.xent.ops;

import dev.xent.autograd.GradMode;
import dev.xent.autograd.Node;
import dev.xent.kernel.Gemm;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.Parallel;
import dev.xent.tensor.Shapes;
import dev.xent.tensor.Tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * outputs(xa, wa) and outputs(xb, wb) of {@link Lstm#sequence} (zero initial states), for xa, xb (T, B, I) and
 * w = {W_ih (4H, I), W_hh (4H, H), b_ih (4H) or null, b_hh (4H) or null}: a bidirectional layer passes x and its
 * reversal. The two recurrences share nothing, so with {@code xent.threads} ≥ 2 each direction's forward and
 * backward pass runs whole on its own thread — every per-step (B, H)·(H, 4H) product, cell pass and weight-gradient
 * GEMM single-threaded — instead of splitting every small product over both threads in turn (each step's product is
 * ~20 µs, about what a fork and join costs). The arithmetic of a direction is that of {@link Lstm#sequence} (the
 * same {@link Lstm#forwardSteps}, {@link Lstm#backwardSteps} and {@link RecurrentGrads}), and the GEMM's bits do not
 * depend on its thread count, so the results are the same bits as two sequential calls on any thread count.
 *
 * <p>Every buffer is taken on the calling thread (the step's {@link dev.xent.tensor.Workspace} is per thread)
 * before the directions start, gradients included, so the worker threads allocate nothing. They are the threads of
 * a pool of their own: a kernel called on a fork-join worker runs on that thread ({@link Parallel#forRange}).
 * Sequential instead when there is one thread, when called from a fork-join worker, or when the directions share
 * an input or weight tensor (their gradients would be added from two threads).
 */
public final class LstmPair {
    private LstmPair() {}

    private static final ForkJoinPool PAIR = Parallel.threads() >= 2 ? new ForkJoinPool(2) : null;

    /** {outputs of direction a, outputs of direction b}, each (T, B, H). */
    public static Tensor[] outputs(Tensor xa, Tensor xb, Tensor[] wa, Tensor[] wb) {
        if (xa.rank() != 3 || !java.util.Arrays.equals(xa.shape(), xb.shape())) {
            throw new IllegalArgumentException("lstmPair: xa and xb must both be (T, B, I) of one shape; got "
                    + Shapes.str(xa.shape()) + " and " + Shapes.str(xb.shape()));
        }
        if (wa.length != 4 || wb.length != 4) {
            throw new IllegalArgumentException("lstmPair: each direction needs {W_ih, W_hh, b_ih, b_hh} (biases may be "
                    + "null); got " + wa.length + " and " + wb.length + " tensors");
        }
        int t = xa.dim(0), b = xa.dim(1), in = xa.dim(2);
        int h = RnnShapes.hidden("lstmPair", 4, b, in, wa[0], wa[1], wa[2], wa[3], null, null);
        int hb = RnnShapes.hidden("lstmPair", 4, b, in, wb[0], wb[1], wb[2], wb[3], null, null);
        if (hb != h) throw new IllegalArgumentException("lstmPair: both directions need one hidden size; got " + h + " and " + hb);
        if (t < 1 || b < 1) {
            throw new IllegalArgumentException("lstmPair: need at least one step and one sequence; got T=" + t + ", B=" + b);
        }
        Direction da = new Direction(xa, wa, t, b, in, h), db = new Direction(xb, wb, t, b, in, h);
        int part = (t + 1) * b * h;                            // one direction's (T+1, B, H): h_1..h_T, c_T
        Tensor packed = Tensor.scratch(2, t + 1, b, h);
        float[] out = packed.data();
        boolean together = concurrent(xa, xb, wa, wb);
        run(together, () -> da.forward(out, 0), () -> db.forward(out, part));
        if (GradMode.needsGrad(xa, xb, wa[0], wa[1], wa[2], wa[3], wb[0], wb[1], wb[2], wb[3])) {
            packed.withNode(new Node("lstmPair", xa, xb, wa[0], wa[1], wa[2], wa[3], wb[0], wb[1], wb[2], wb[3]) {
                @Override
                public void backward(Tensor grad) {                            // grad: (2, T+1, B, H)
                    float[] gd = grad.data();
                    da.takeBackwardBuffers();
                    db.takeBackwardBuffers();
                    run(together, () -> da.gradients(gd, 0, out, 0), () -> db.gradients(gd, part, out, part));
                }
            });
        }
        return new Tensor[] {OutputSlice.of(packed, 0, t, b, h), OutputSlice.of(packed, part, t, b, h)};
    }

    /** Both directions on the pair's threads, or one after the other on this one. */
    private static void run(boolean together, Runnable a, Runnable b) {
        if (!together) {
            a.run();
            b.run();
            return;
        }
        ForkJoinTask<?> ta = PAIR.submit(a), tb = PAIR.submit(b);
        ta.join();
        tb.join();
    }

    /** Whether {@link #outputs} runs these directions on the pair's two threads. */
    static boolean concurrent(Tensor xa, Tensor xb, Tensor[] wa, Tensor[] wb) {
        if (PAIR == null || ForkJoinTask.inForkJoinPool() || xa == xb) return false;
        for (Tensor p : wa) {
            for (Tensor q : wb) {
                if (p != null && p == q) return false;
            }
        }
        return true;
    }

    /** One direction's tensors and the buffers of its forward and backward pass (all taken on the calling thread). */
    private static final class Direction {
        private final Tensor x, wIh, wHh, bIh, bHh;
        private final int steps, batch, in, hid;
        private final float[] zeros, gates, cs, whhT;           // (B, H) initial h and c; (T, B, 4H); (T, B, H)
        private float[] da, dh, dc, whh;

        Direction(Tensor x, Tensor[] w, int steps, int batch, int in, int hid) {
            this.x = x;
            this.wIh = w[0];
            this.wHh = w[1];
            this.bIh = w[2];
            this.bHh = w[3];
            this.steps = steps;
            this.batch = batch;
            this.in = in;
            this.hid = hid;
            Gemm gemm = Kernels.gemm();
            zeros = Tensor.scratchZeros(batch * hid).data();
            gates = Tensor.scratch(steps * batch * 4 * hid).data();
            cs = Tensor.scratch(steps * batch * hid).data();
            whhT = Lstm.packRecurrent(steps, batch) ? Tensor.scratch(gemm.packedSize(hid, 4 * hid)).data() : null;
        }

        void forward(float[] out, int outOff) {
            Lstm.forwardSteps(x.data(), steps, batch, in, hid, zeros, zeros, wIh, wHh, bIh, bHh, out, outOff, gates, cs,
                    whhT);
        }

        /** The backward buffers and every gradient this direction adds into, taken here on the calling thread. */
        void takeBackwardBuffers() {
            int g4 = 4 * hid, bh = batch * hid;
            da = Tensor.scratch(steps * batch * g4).data();
            dh = Tensor.scratchZeros(bh).data();
            dc = Tensor.scratch(bh).data();
            whh = Lstm.packRecurrent(steps, batch) ? Tensor.scratch(Kernels.gemm().packedSize(g4, hid)).data() : null;
            for (Tensor p : new Tensor[] {x, wIh, wHh, bIh, bHh}) {
                if (p != null && p.requiresGrad()) p.gradForAccumulation();
            }
        }

        /** BPTT and the whole-sequence gradient GEMMs; the upstream gradient of this direction is gd at gdOff. */
        void gradients(float[] gd, int gdOff, float[] out, int outOff) {
            Lstm.backwardSteps(gd, gdOff, steps, batch, hid, gates, cs, zeros, wHh, da, dh, dc, whh);
            RecurrentGrads.accumulate(da, da, steps, batch, 4 * hid, in, hid, x.data(), zeros, out, outOff, x, wIh, wHh,
                    bIh, bHh);
        }
    }
}
