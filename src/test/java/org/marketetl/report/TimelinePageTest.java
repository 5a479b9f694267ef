package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The timeline page as text: self-contained, every report text escaped, durations in words. */
class TimelinePageTest {

    @Test
    void escapesEveryTextOfTheReport_soNoneOfItBecomesMarkup() {
        // Act
        String page = TimelinePage.render(TimelineFixtures.finished());

        // Assert
        assertThat(page).doesNotContain("<script", "<b>bold")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;");
    }

    @Test
    void loadsNothingFromElsewhere_andItsPolicyForbidsIt() {
        // Act
        String page = TimelinePage.render(TimelineFixtures.continued());

        // Assert: the only URL is the SVG namespace, which names and fetches nothing
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:",
                "src=", "href=", "@import", "url(", "<script");
        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
    }

    @Test
    void drawsABarPerStep_invocation_andRateWindow() {
        // Act
        String page = TimelinePage.render(TimelineFixtures.continued());

        // Assert
        assertThat(page.split("data-step=\"", -1)).hasSize(7);
        assertThat(page.split("class=\"bar invocation\"", -1)).hasSize(4);
        assertThat(page.split("class=\"window\"", -1)).hasSize(4);
        assertThat(page).contains("3 invocations", "LOADS, IN PARALLEL", "DEPENDENT STEPS, IN ORDER",
                "REQUESTS PER RATE WINDOW", "limit 750 per window");
    }

    @Test
    void showsStepsStillRunning_withTheirSymbolsDoneOfTotal() {
        // Act
        String page = TimelinePage.render(TimelineFixtures.running());

        // Assert
        assertThat(page).contains("NOT FINISHED YET", "running, 312 of 500 symbols, 640 requests, about 1 min 10 s left",
                "waiting for its turn");
    }

    @Test
    void aRunWithoutARecordYet_saysSo_escaped() {
        // Act
        String page = TimelinePage.notRecorded("run-<1>", "RUNNING", "2026-12-01T02:00:00Z", "cause <i>");

        // Assert
        assertThat(page).contains("Run run-&lt;1&gt;", "no record in the run ledger yet", "cause &lt;i&gt;")
                .doesNotContain("<i>");
    }

    @Test
    void durations_readAsPeopleSayThem() {
        assertThat(TimelinePage.duration(850)).isEqualTo("850 ms");
        assertThat(TimelinePage.duration(2_250)).isEqualTo("2.3 s");
        assertThat(TimelinePage.duration(12_000)).isEqualTo("12 s");
        assertThat(TimelinePage.duration(65_000)).isEqualTo("1 min 05 s");
        assertThat(TimelinePage.duration(120_000)).isEqualTo("2 min");
        assertThat(TimelinePage.duration(3_720_000)).isEqualTo("1 h 02 min");
    }

    @Test
    void axisTicks_areRound_andAtMostAboutTen() {
        assertThat(TimelinePage.tickMs(12_000)).isEqualTo(2_000);
        assertThat(TimelinePage.tickMs(76_000)).isEqualTo(10_000);
        assertThat(TimelinePage.tickMs(240_000)).isEqualTo(30_000);
        assertThat(TimelinePage.tickMs(900)).isEqualTo(100);
    }
}
