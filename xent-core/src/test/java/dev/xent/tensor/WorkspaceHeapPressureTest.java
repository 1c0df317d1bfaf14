// A step that fits the heap does not run out of it because of the buffers the workspace kept from earlier steps.
package dev.xent.tensor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceHeapPressureTest {

    /** Step 1 leaves 3 × 24 MB free; step 2 takes 60 MB of another length: more than a 128 MB heap's old generation (~85 MB) holds unless they go. */
    public static void main(String[] args) {
        Workspace ws = Workspace.open();
        for (int k = 0; k < 3; k++) Tensor.scratch(6_000_000);
        ws.close();
        ws.reopen();
        Tensor big = Tensor.scratch(15_000_000);
        big.data()[14_999_999] = 1f;
        ws.close();
        System.out.println("held " + ws.bytesHeld());
    }

    @Test
    void freeBuffersOfEarlierStepsGiveWayToANewStepsArray() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), WorkspaceHeapPressureTest.class.getName()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "the child JVM (-Xmx128m) failed:\n" + out);
        assertEquals("held 60000000" + System.lineSeparator(), out, "only the new step's array is kept");
    }
}
