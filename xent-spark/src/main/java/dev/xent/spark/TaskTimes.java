// Where a job's task time went, per executor: tasks, seconds running and seconds on a CPU (Spark's task metrics).
package dev.xent.spark;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener for {@code score}'s report: a task whose CPU seconds are far below its running seconds waited for a
 * core (another process had it) or for I/O. Register it with {@code sparkContext().addSparkListener} before the job;
 * listener events arrive asynchronously, so {@link #summary} first waits (up to 10 s) for the task ends it expects.
 */
final class TaskTimes extends SparkListener {
    private final Map<String, double[]> byExecutor = new ConcurrentHashMap<>();   // executor -> {tasks, run s, CPU s}

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m == null) return;
        byExecutor.compute(end.taskInfo().executorId(), (k, v) -> {
            double[] t = v == null ? new double[3] : v;
            t[0]++;
            t[1] += m.executorRunTime() / 1e3;
            t[2] += m.executorCpuTime() / 1e9;
            return t;
        });
    }

    /** "executor 0: 4 tasks, 15.0 s running, 6.3 s CPU (42%); …" once at least {@code tasks} task ends arrived. */
    String summary(int tasks) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count() < tasks && System.nanoTime() < deadline) Thread.sleep(10);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, double[]> e : new TreeMap<>(byExecutor).entrySet()) {
            double[] t = e.getValue();
            if (!sb.isEmpty()) sb.append("; ");
            sb.append(String.format(Locale.ROOT, "executor %s: %.0f tasks, %.1f s running, %.1f s CPU (%.0f%%)",
                    e.getKey(), t[0], t[1], t[2], 100 * t[2] / Math.max(t[1], 1e-9)));
        }
        return sb.toString();
    }

    private int count() {
        int n = 0;
        for (double[] t : byExecutor.values()) n += (int) t[0];
        return n;
    }
}
