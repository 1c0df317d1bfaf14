package dev.xent.tensor;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step-scoped buffer reuse. While a workspace is open on a thread, {@link Tensor#scratch} takes its array
 * from this workspace's free lists instead of the heap; closing the workspace returns every array it lent. A
 * training step has the same shapes every time, so after the first step no new arrays are allocated.
 *
 * <p><b>Size classes.</b> Free lists are keyed by {@link #sizeClass}: a length up to {@link #EXACT_UP_TO} floats
 * is its own class; a longer one is rounded up to one of eight sizes per power of two (at most 12.5% longer), and
 * the array handed out has that length — {@link Tensor#data()} may be longer than the tensor's size, and every op
 * reads only size() elements. When its class has no free array, a request takes the shortest free one up to
 * {@link #BORROW} times as long. Without classes, length-bucketed batches (translation: the token counts of source
 * and target change every batch, and with them every activation's length) found almost no array of their exact
 * length: measured on Multi30k's recipe batches, a step allocated 326 MB of its 430 MB anew while the free lists
 * held 810 MB of other lengths.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 *     lossValue = loss.item();      // read what you need inside
 * }                                 // every scratch tensor of the step is recycled here
 * }</pre>
 *
 * Tensors created inside must not be used after close (their arrays are reused): reading one throws.
 * Persistent state (parameters, their gradients, optimizer moments, running statistics) is never scratch.
 */
public final class Workspace implements AutoCloseable {
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();
    // every workspace opened on this thread and not yet collected: whose free lists an allocation failure may drop
    private static final ThreadLocal<List<WeakReference<Workspace>>> ON_THREAD = ThreadLocal.withInitial(ArrayList::new);

    private final TreeMap<Integer, ArrayDeque<float[]>> free = new TreeMap<>();   // by array length
    private final List<float[]> lent = new ArrayList<>();
    // length -> the last step (generation) that took an array of that length. Lengths no step has used for
    // EVICT_AFTER steps are dropped from the free lists, so batches of varying shapes (length buckets) keep
    // only the buffers of recent shapes instead of growing without bound.
    private final Map<Integer, Integer> lastUsed = new HashMap<>();
    static final int EVICT_AFTER = 64;
    // The free lists also hold at most RETAIN times the bytes of the largest step seen, and at most half the
    // maximum heap, least recently used lengths dropped first: with many distinct shapes (length-bucketed batches
    // of a large model), 64 steps' worth of buffers could otherwise be gigabytes, and a heap kept full of them
    // makes the collector run full collections that free nothing until a new buffer finds no room.
    // -Dxent.workspaceRetain and -Dxent.workspaceHeapShare override RETAIN and the half (for trials of a smaller heap:
    // docs/benchmarks.md "Beyond the heap"); the defaults are what every model is measured with.
    static final double RETAIN = Double.parseDouble(System.getProperty("xent.workspaceRetain", "2"));
    private static final long HEAP_SHARE = (long) (Runtime.getRuntime().maxMemory()
            * Double.parseDouble(System.getProperty("xent.workspaceHeapShare", "0.5")));
    private long heldBytes;      // bytes of every array this workspace owns (lent or free)
    private long lentBytes;      // bytes on loan now (given-back arrays excluded)
    private long stepPeak;       // the most on loan at once in the current step
    private long maxStepBytes;   // the most any step has had on loan at once
    private final Workspace outer;
    private int generation = 1;
    private boolean open;
    private long bytesAllocated;

    private Workspace(Workspace outer) {
        this.outer = outer;
        List<WeakReference<Workspace>> mine = ON_THREAD.get();
        mine.removeIf(r -> r.get() == null);
        mine.add(new WeakReference<>(this));
    }

    /** Opens a new workspace on this thread (nested ones stack). */
    public static Workspace open() {
        Workspace ws = new Workspace(CURRENT.get());
        ws.open = true;
        CURRENT.set(ws);
        return ws;
    }

    /**
     * Re-opens this workspace for another step, keeping its free lists: the way a training loop reuses
     * one workspace across steps.
     */
    public Workspace reopen() {
        if (open) throw new IllegalStateException("this workspace is already open; close it first");
        if (CURRENT.get() != outer) {
            throw new IllegalStateException("workspaces must be closed in the reverse order they were opened");
        }
        open = true;
        generation++;
        CURRENT.set(this);
        return this;
    }

    static Workspace current() {
        return CURRENT.get();
    }

    /** An array of at least {@code size} floats (exactly {@link #sizeClass}(size)), from the free lists when one is there. */
    float[] take(int size) {
        int length = sizeClass(size);
        float[] a = reuse(length);
        if (a == null) {
            a = allocate(length);
            bytesAllocated += 4L * length;
            heldBytes += 4L * length;
        }
        length = a.length;
        lentBytes += 4L * length;
        stepPeak = Math.max(stepPeak, lentBytes);
        lent.add(a);
        lastUsed.put(length, generation);
        return a;
    }

    /**
     * A free array for a request of class {@code length}: one of exactly that length, else (past the exact range)
     * the shortest free one up to {@link #BORROW} times as long — a step of smaller batches runs in the arrays of
     * larger ones instead of allocating its own beside them. Null when there is none.
     */
    private float[] reuse(int length) {
        ArrayDeque<float[]> q = free.get(length);
        if (q != null && !q.isEmpty()) return q.pollFirst();
        if (length <= EXACT_UP_TO) return null;
        long limit = (long) (length * BORROW);
        for (Map.Entry<Integer, ArrayDeque<float[]>> f : free.tailMap(length, false).entrySet()) {
            if (f.getKey() > limit) break;
            if (!f.getValue().isEmpty()) return f.getValue().pollFirst();
        }
        return null;
    }

    /** A request past the exact range may take a free array up to this many times its class length. */
    static final double BORROW = 1.5;

    /** Lengths up to this many floats (256 KB) are kept exactly; longer ones are rounded to a size class. */
    static final int EXACT_UP_TO = 1 << 16;

    /**
     * The array length that serves a request of {@code size} floats: size itself up to {@link #EXACT_UP_TO}, else
     * size rounded up to a multiple of 1/8 of its power of two (2^k ≤ size &lt; 2^(k+1) → a multiple of 2^(k−3)),
     * so at most 12.5% longer, eight classes per octave.
     */
    static int sizeClass(int size) {
        if (size <= EXACT_UP_TO) return size;
        int step = Integer.highestOneBit(size) >>> 3;
        long rounded = ((long) size + step - 1) / step * step;
        return rounded > Integer.MAX_VALUE - 8 ? size : (int) rounded;
    }

    /**
     * A new array; when the heap cannot hold it beside the free lists, the free lists of every workspace this thread
     * has opened are dropped (they are a cache: arrays of other lengths, or more of one than a step has asked for;
     * e.g. the training step's, kept between steps while a validation pass opens its own workspace) and the
     * allocation tried again, so buffers kept from earlier work never make a step run out of heap that would fit
     * without them. Only this thread's workspaces: their free lists are touched by this thread alone.
     */
    private float[] allocate(int length) {
        try {
            return new float[length];
        } catch (OutOfMemoryError e) {
            if (!dropFreeOnThisThread()) throw e;
            return new float[length];
        }
    }

    /** Drops the free lists of this thread's workspaces (in its own frame: no list stays reachable); false if none had any. */
    private static boolean dropFreeOnThisThread() {
        boolean dropped = false;
        List<WeakReference<Workspace>> mine = ON_THREAD.get();
        for (int i = mine.size() - 1; i >= 0; i--) {
            Workspace ws = mine.get(i).get();
            if (ws == null) {
                mine.remove(i);
            } else if (!ws.free.isEmpty()) {
                ws.dropFree();
                dropped = true;
            }
        }
        return dropped;
    }

    private void dropFree() {
        for (Map.Entry<Integer, ArrayDeque<float[]>> f : free.entrySet()) {
            heldBytes -= 4L * f.getKey() * f.getValue().size();
        }
        free.clear();
    }

    /**
     * Takes back, before the step ends, an array lent in this step whose tensor is dead (a consumed
     * intermediate gradient): it is reused by later takes of the same length. Arrays not lent by this
     * workspace in this step are ignored. The search runs from the newest loan, where a gradient usually is.
     */
    void giveBack(float[] a) {
        for (int i = lent.size() - 1; i >= 0; i--) {
            if (lent.get(i) == a) {
                int last = lent.size() - 1;
                lent.set(i, lent.get(last));   // order of loans does not matter: swap with the last, drop it
                lent.remove(last);
                lentBytes -= 4L * a.length;
                free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addFirst(a);
                return;
            }
        }
    }

    int generation() {
        return generation;
    }

    boolean isLive(int gen) {
        return open && gen == generation;
    }

    private long retainLimit() {
        return Math.min((long) (RETAIN * maxStepBytes), HEAP_SHARE);
    }

    /** Drops free arrays, least recently used lengths first, until at most {@link #retainLimit} bytes are held. */
    private void trim() {
        long limit = retainLimit();
        List<Integer> lengths = new ArrayList<>(free.keySet());
        lengths.sort((a, b) -> Integer.compare(lastUsed.getOrDefault(a, 0), lastUsed.getOrDefault(b, 0)));
        for (int length : lengths) {
            if (heldBytes <= limit) break;
            ArrayDeque<float[]> q = free.get(length);
            while (!q.isEmpty() && heldBytes > limit) {
                q.pollLast();
                heldBytes -= 4L * length;
            }
            if (q.isEmpty()) {
                free.remove(length);
                lastUsed.remove(length);
            }
        }
    }

    /** Bytes of the arrays this workspace holds now (lent and free): after a step, at most about RETAIN × the largest step and half the heap. */
    public long bytesHeld() {
        return heldBytes;
    }

    /** Bytes of new arrays this workspace has allocated since it was created (for allocation reports). */
    public long bytesAllocated() {
        return bytesAllocated;
    }

    @Override
    public void close() {
        if (!open) return;
        if (CURRENT.get() != this) {
            throw new IllegalStateException("workspaces must be closed in the reverse order they were opened");
        }
        for (float[] a : lent) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addFirst(a);
        lent.clear();
        maxStepBytes = Math.max(maxStepBytes, stepPeak);
        stepPeak = 0;
        lentBytes = 0;
        if (generation % EVICT_AFTER == 0) {
            free.entrySet().removeIf(e -> {
                boolean stale = lastUsed.getOrDefault(e.getKey(), 0) <= generation - EVICT_AFTER;
                if (stale) heldBytes -= 4L * e.getKey() * e.getValue().size();
                return stale;
            });
            lastUsed.keySet().retainAll(free.keySet());
        }
        if (heldBytes > retainLimit()) trim();
        open = false;
        CURRENT.set(outer);
    }
}
