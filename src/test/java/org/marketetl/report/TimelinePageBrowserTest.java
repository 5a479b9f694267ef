package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.HeadlessChromium;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The timeline page in a real browser: Debian's Chromium, headless, driven over its DevTools
 * protocol. The page loads without an error of any kind (a script, a font or a request would be
 * refused by its policy and logged as one), its bars are drawn as long as the steps took, the
 * three loads side by side and the dependent steps after them, and the hostile text stays text.
 * Screenshots are kept in {@code target/timeline/}. Without Chromium the tests are skipped, saying
 * so.
 */
class TimelinePageBrowserTest {

    private static final Path OUT = Path.of("target", "timeline");
    /** Half a pixel each way for anti-aliased ends, and the one pixel a bar is never narrower than. */
    private static final double PIXELS = 1.5;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws IOException, InterruptedException {
        Optional<Path> executable = HeadlessChromium.find();
        Assumptions.assumeTrue(executable.isPresent(),
                "needs chromium: Debian's package, apt-get install -y chromium (or CHROMIUM=/path/to/chromium)");
        chromium = HeadlessChromium.start(executable.get());
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void finishedRun_loadsWithoutErrors_andItsStepBarsAreAsLongAsTheStepsTook() throws Exception {
        // Arrange
        RunReport report = TimelineFixtures.finished();

        // Act
        List<Bar> bars = show(report, "run-finished");

        // Assert: one bar per step, width in proportion to its ms
        assertThat(bars).extracting(Bar::step).containsExactly("company", "price", "financial", "ttm", "ratios",
                "metrics");
        double pixelsPerMs = bar(bars, "price").width() / 9_600.0;
        for (StepReport step : report.steps()) {
            assertThat(bar(bars, step.step()).width()).as("width of %s (%d ms)", step.step(), step.ms())
                    .isCloseTo(step.ms() * pixelsPerMs, within(PIXELS));
        }
        // the loads side by side, the dependent steps one after another behind them
        assertThat(bar(bars, "price").x()).isCloseTo(bar(bars, "company").x(), within(PIXELS));
        assertThat(bar(bars, "financial").x()).isCloseTo(bar(bars, "company").x(), within(PIXELS));
        assertThat(bar(bars, "ttm").x()).isGreaterThanOrEqualTo(bar(bars, "price").right() - PIXELS);
        assertThat(bar(bars, "ratios").x()).isGreaterThanOrEqualTo(bar(bars, "ttm").right() - PIXELS);
        assertThat(bar(bars, "metrics").x()).isGreaterThanOrEqualTo(bar(bars, "ratios").right() - PIXELS);
        // and the start offsets on the same scale
        assertThat(bar(bars, "ttm").x() - bar(bars, "company").x()).isCloseTo(9_700 * pixelsPerMs, within(PIXELS));
    }

    @Test
    void hostileTextInTheReport_staysText_andRunsNothing() throws Exception {
        // Act
        show(TimelineFixtures.finished(), "run-finished-text");

        // Assert
        assertThat(chromium.evaluate("document.querySelectorAll('script, b').length").asInt()).isZero();
        assertThat(chromium.evaluate("document.body.textContent").asText()).contains(TimelineFixtures.HOSTILE);
    }

    @Test
    void continuedRun_showsEachInvocation_andTheRequestsPerRateWindow() throws Exception {
        // Act
        show(TimelineFixtures.continued(), "run-continued");

        // Assert
        JsonNode invocations = chromium.evaluate(geometry("rect.invocation"));
        assertThat(invocations).hasSize(3);
        double pixelsPerMs = invocations.get(0).path("width").asDouble() / 30_000.0;
        assertThat(invocations.get(2).path("width").asDouble()).isCloseTo(16_000 * pixelsPerMs, within(PIXELS));
        assertThat(invocations.get(1).path("x").asDouble() - invocations.get(0).path("x").asDouble())
                .isCloseTo(34_000 * pixelsPerMs, within(PIXELS));
        JsonNode windows = chromium.evaluate(geometry("rect.window"));
        assertThat(windows).hasSize(3);
        assertThat(windows.get(2).path("height").asDouble())
                .isCloseTo(windows.get(0).path("height").asDouble() * 500 / 750, within(PIXELS));
    }

    @Test
    void runningRecord_showsTheStepsUnderWay() throws Exception {
        // Act
        List<Bar> bars = show(TimelineFixtures.running(), "run-running");

        // Assert
        assertThat(bars).extracting(Bar::step).containsExactly("company", "price", "financial");
        assertThat(chromium.evaluate("document.body.textContent").asText()).contains("312 of 500 symbols");
    }

    @Test
    void theErrorCheck_catchesWhatThePolicyRefuses() throws Exception {
        // Arrange: what the page would log if it ever tried to load anything (its policy refuses it, no request leaves)
        Path page = OUT.resolve("refused.html").toAbsolutePath();
        Files.createDirectories(OUT);
        Files.writeString(page, TimelinePage.render(TimelineFixtures.finished()).replace("</body>",
                "<img src=\"https://example.invalid/x.png\"><script>console.error('x')</script></body>"));

        // Act
        chromium.load(page.toUri());

        // Assert
        assertThat(chromium.errors()).isNotEmpty();
    }

    /** Renders, loads and photographs the page; answers its step bars as drawn, and checks it logged no error. */
    private static List<Bar> show(RunReport report, String name) throws Exception {
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        Files.createDirectories(OUT);
        Files.writeString(page, TimelinePage.render(report));
        chromium.load(page.toUri());
        chromium.screenshot(OUT.resolve(name + ".png"), 1200);
        assertThat(chromium.errors()).as("errors the page logged").isEmpty();
        List<Bar> bars = new ArrayList<>();
        for (JsonNode rect : chromium.evaluate(geometry("rect[data-step]"))) {
            bars.add(new Bar(rect.path("step").asText(), rect.path("x").asDouble(), rect.path("width").asDouble()));
        }
        return bars;
    }

    /** The rendered boxes of the elements {@code selector} finds, in document order. */
    private static String geometry(String selector) {
        return "Array.from(document.querySelectorAll('" + selector + "')).map(function (e) {"
                + " var box = e.getBoundingClientRect();"
                + " return {step: e.getAttribute('data-step'), x: box.x, width: box.width, height: box.height}; })";
    }

    private static Bar bar(List<Bar> bars, String step) {
        return bars.stream().filter(b -> b.step().equals(step)).findFirst().orElseThrow();
    }

    private record Bar(String step, double x, double width) {
        double right() {
            return x + width;
        }
    }
}
