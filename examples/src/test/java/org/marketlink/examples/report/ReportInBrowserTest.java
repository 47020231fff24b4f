package org.marketlink.examples.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.examples.mainjob.MainJobReports;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The main job's HTML reports in a real browser: headless Chromium renders each one, its DOM and console are read
 * back and a screenshot is taken. Fails on any console message (the reports have no scripts, so any message is an
 * error) or a chart that did not draw: every chart's lines must have points and the forecast line's colour must be on
 * the screenshot. Chromium comes from the system's packages ({@code .ci/run} installs it when missing); on a machine
 * without it the test is skipped, saying so.
 */
class ReportInBrowserTest {
    private static final Pattern POLYLINE = Pattern.compile("<polyline class=\"(history|forecast)\"[^>]*points=\"([^\"]*)\"");

    @Test
    void theReportsRenderWithoutConsoleErrorsAndEveryChartDraws(@TempDir Path dir) throws Exception {
        String browser = chromium();
        assumeTrue(browser != null, "no Chromium on this machine (install the 'chromium' package to run this test)");
        List<Path> reports = MainJobReports.write(dir);
        assertThat(reports).hasSize(2);
        for (Path report : reports) {
            Run dom = chromium(browser, dir, "--dump-dom", report.toUri().toString());
            assertThat(dom.exitCode).as("chromium exit code for " + report.getFileName()).isZero();
            List<String> console = dom.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
            assertThat(console).as("console messages of " + report.getFileName()).isEmpty();
            assertThat(dom.stdout).contains("</html>");
            Matcher m = POLYLINE.matcher(dom.stdout);
            int lines = 0;
            while (m.find()) {
                lines++;
                String points = m.group(2).strip();
                assertThat(points).as("points of a " + m.group(1) + " line").isNotEmpty()
                        .doesNotContain("NaN").doesNotContain("Infinity");
                assertThat(points.split(" ").length).isGreaterThanOrEqualTo(2);
            }
            if (report.getFileName().toString().equals("quality-report.html")) {
                // the load's quarantine comes before the rules, by reason, with sample raw rows,
                // and the day's anomalies beside their history
                assertThat(dom.stdout).contains("rows quarantined", "<table class=\"quarantine\">", "NOT_OBSERVED",
                        "<svg class=\"history\"", "<table class=\"days\">", "rowCount 128 against a median of 241");
                Path png = Files.createDirectories(Path.of("target", "browser")).resolve("quality-report.png")
                        .toAbsolutePath();
                Run shot = chromium(browser, dir, "--screenshot=" + png, "--window-size=1400,1400",
                        report.toUri().toString());
                assertThat(shot.exitCode).isZero();
                assertThat(ImageIO.read(png.toFile())).isNotNull();
            }
            if (report.getFileName().toString().equals("market-day.html")) {
                assertThat(lines).as("history and forecast lines of eight charts").isEqualTo(16);
                // every chart says what it shows: dated time axis, numbered value axis, a legend, labelled points
                List<String> charts = Arrays.stream(dom.stdout.split("<svg")).skip(1).toList();
                assertThat(charts).hasSize(8);
                for (String chart : charts) {
                    assertThat(section(chart, "x-axis")).as("time axis").containsPattern(
                            "(>\\d{1,2} [A-Z][a-z]{2}</text>.*){4}").contains("week starting");
                    assertThat(section(chart, "y-axis")).as("value axis").containsPattern(
                            "(>[0-9][0-9,.]*</text>.*){5}").contains("units per week");
                    assertThat(section(chart, "legend")).contains(">history<", ">forecast<", ">80% interval<");
                    assertThat(chart.split("<circle class=\"point\"", -1)).as("a point per forecast week")
                            .hasSize(5);
                    assertThat(chart).containsPattern("<title>\\d{1,2} [A-Z][a-z]{2} \\d{4}: [0-9][0-9,.]* \\(80% "
                            + "interval [0-9][0-9,.]*–[0-9][0-9,.]*\\)</title>");
                    assertThat(chart.split("<text class=\"value\"", -1)).as("first and last week written out")
                            .hasSize(3);
                }
                assertThat(dom.stdout).contains("<nav class=\"contents\">", "the best buyers for each group");
                // kept in target/browser for people to look at
                Path png = Files.createDirectories(Path.of("target", "browser")).resolve("market-day.png")
                        .toAbsolutePath();
                Run shot = chromium(browser, dir, "--screenshot=" + png, "--window-size=1400,9000",
                        report.toUri().toString());
                assertThat(shot.exitCode).isZero();
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image).isNotNull();
                assertThat(pixelsNear(image, 0x08, 0x51, 0x9c)).as("pixels of the forecast lines").isGreaterThan(200);
            }
        }
    }

    /** The part of a chart's SVG inside its {@code <g class="...">} group. */
    private static String section(String chart, String group) {
        int from = chart.indexOf("<g class=\"" + group + "\"");
        assertThat(from).as("the chart has a " + group).isNotNegative();
        return chart.substring(from, chart.indexOf("</g>", from));
    }

    private static int pixelsNear(BufferedImage image, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - r) < 40 && Math.abs(((rgb >> 8) & 0xff) - g) < 40
                        && Math.abs((rgb & 0xff) - b) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run chromium(String browser, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String chromium() {
        String configured = System.getenv("CHROME_BIN");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome"}) {
            if (candidate != null && new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
