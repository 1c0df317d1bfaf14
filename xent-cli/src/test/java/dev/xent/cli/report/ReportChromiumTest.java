package dev.xent.cli.report;

import dev.xent.cli.run.RunDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders a report in headless Chromium and checks the screenshot. Without /usr/bin/chromium the test is
 * skipped, saying so, unless {@code -Dxent.test.chromium=required} (set by .ci/run, which installs Chromium):
 * then it fails, so CI never passes without having rendered the report.
 */
@Tag("slow")
class ReportChromiumTest {
    @Test
    void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            String missing = chromium + " is not installed (Debian: apt-get install --no-install-recommends chromium)";
            if ("required".equals(System.getProperty("xent.test.chromium"))) fail(missing + "; -Dxent.test.chromium=required");
            assumeTrue(false, "skipped: " + missing);
        }
        RunDirectory run = SyntheticRun.write(dir, "r", 300);
        Path report = ReportWriter.write(run.dir());
        Path png = dir.resolve("shot.png");
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                "--screenshot=" + png, "--window-size=1200,1600", report.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished within 60 s");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        // the charts are drawn: many pixels of the series colour (#1f77b4) in the upper part of the page
        int blue = 0;
        for (int y = 0; y < 1600; y += 2) {
            for (int x = 0; x < 1200; x += 2) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x77) < 40 && Math.abs(b - 0xb4) < 40) blue++;
            }
        }
        assertTrue(blue > 2000, "chart lines and the confusion heatmap are visible: " + blue + " blue samples");
    }
}
