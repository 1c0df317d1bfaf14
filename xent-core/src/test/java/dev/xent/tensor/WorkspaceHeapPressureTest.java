// A step that fits the heap does not run out of it because of the buffers the workspace kept from earlier steps, and
// the workspace keeps at most half the heap for reuse (each case in a child JVM with a small heap).
package dev.xent.tensor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceHeapPressureTest {

    /** Step 1 leaves 3 × 24 MB free; step 2 takes 60 MB of another length: more than a 128 MB heap's old generation (~85 MB) holds unless they go. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("share")) {
            keepsAtMostHalfTheHeap();
            return;
        }
        if (args.length > 0 && args[0].equals("other")) {
            anotherWorkspaceGetsTheRoom();
            return;
        }
        Workspace ws = Workspace.open();
        for (int k = 0; k < 3; k++) Tensor.scratch(6_000_000);
        ws.close();
        ws.reopen();
        Tensor big = Tensor.scratch(15_000_000);
        big.data()[14_999_999] = 1f;
        ws.close();
        System.out.println("held " + ws.bytesHeld());
    }

    /** Two steps of 3 × ~25 MB (other size classes each): ~160 MB is within twice a step, but over half a 256 MB heap. */
    private static void keepsAtMostHalfTheHeap() {
        Workspace ws = Workspace.open();
        ws.close();
        for (int step = 0; step < 2; step++) {
            ws.reopen();
            for (int k = 0; k < 3; k++) Tensor.scratch(5_900_000 + 1_000_000 * step);
            ws.close();
        }
        System.out.println("held " + ws.bytesHeld() + ", at most " + Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * A training step's workspace keeps 3 × 24 MB free between steps; a validation pass on the same thread opens its
     * own workspace and takes 60 MB: it fits a 128 MB heap only if the training workspace's free lists go.
     */
    private static void anotherWorkspaceGetsTheRoom() {
        Workspace train = Workspace.open();
        for (int k = 0; k < 3; k++) Tensor.scratch(6_000_000);
        train.close();
        try (Workspace valid = Workspace.open()) {
            Tensor big = Tensor.scratch(15_000_000);
            big.data()[14_999_999] = 1f;
        }
        System.out.println("training workspace holds " + train.bytesHeld());
    }

    private static String child(String heap, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, heap, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), WorkspaceHeapPressureTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), "the child JVM (" + heap + ") failed:\n" + out);
        return out;
    }

    @Test
    void freeBuffersOfEarlierStepsGiveWayToANewStepsArray() throws Exception {
        assertEquals("held " + 4L * Workspace.sizeClass(15_000_000), child("-Xmx128m"), "only the new step's array is kept");
    }

    @Test
    void aValidationWorkspaceOnTheSameThreadGetsTheRoomOfTheTrainingOnesFreeLists() throws Exception {
        assertEquals("training workspace holds 0", child("-Xmx128m", "other"));
    }

    @Test
    void theFreeListsKeepAtMostHalfTheHeap() throws Exception {
        String[] out = child("-Xmx256m", "share").replace("held ", "").split(", at most ");
        long held = Long.parseLong(out[0]), half = Long.parseLong(out[1]);
        long largestArray = 4L * Workspace.sizeClass(6_900_000);
        assertTrue(held <= half && held >= half - largestArray, "held " + held + " of at most " + half + " bytes");
    }
}
