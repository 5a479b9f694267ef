package org.marketetl.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run report as a picture: one self-contained HTML page (no script, no font, no request of any
 * kind; its Content-Security-Policy forbids them) with an SVG timeline in the manner of Airflow's
 * Gantt view and Dagster's run timeline. On one time axis from the run's start: each invocation of
 * the run, the two phases, the three loads side by side, the dependent steps after them, steps still
 * running (a RUNNING record), and the market-data requests per rate window against the plan's limit;
 * below it the figures of every step as a table. Bars are as long as what they stand for lasted;
 * each says its duration, and hovering shows its details.
 *
 * <p>Every text from the report is escaped ({@link Markup}); nothing here formats markup from values.
 */
public final class TimelinePage {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    // Geometry of the SVG, in its own pixels.
    private static final int WIDTH = 1120;
    private static final int PLOT_LEFT = 210;
    private static final int PLOT_RIGHT = 1090;
    private static final int AXIS_HEIGHT = 36;
    private static final int SECTION_HEIGHT = 26;
    private static final int ROW_HEIGHT = 30;
    private static final int BAR_HEIGHT = 18;
    private static final int WINDOWS_HEIGHT = 86;
    private static final double CHAR_WIDTH = 6.6;

    private static final String STYLE = """
            :root{color-scheme:light}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:24px;
            color:#1f2933;background:#fff}
            h1{font-size:20px;margin:0 0 6px 0;font-weight:600}
            .meta{color:#52606d;font-size:13px;margin:0 0 4px 0}
            .reason{color:#9b1c1c;font-size:13px;margin:6px 0 0 0}
            .badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;
            vertical-align:middle;margin-left:8px}
            svg{display:block;margin:16px 0 8px 0;max-width:100%;height:auto}
            svg text{font-family:inherit;font-size:12px;fill:#1f2933}
            svg .axis text{fill:#52606d;font-size:11px}
            svg .grid{stroke:#e4e7eb;stroke-width:1}
            svg .section{font-weight:600;fill:#323f4b;font-size:12px;letter-spacing:.04em}
            svg .label{fill:#323f4b}
            svg .note{fill:#52606d;font-size:11px}
            svg .inside{fill:#fff}
            svg .boundary{stroke:#7b8794;stroke-width:1;stroke-dasharray:4 3}
            svg .limit{stroke:#c62828;stroke-width:1.5;stroke-dasharray:6 3}
            .legend{font-size:12px;color:#52606d;margin:0 0 18px 0}
            .legend span{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;
            margin:0 4px 0 14px}
            .legend span:first-child{margin-left:0}
            table{border-collapse:collapse;font-size:13px}
            th,td{padding:5px 10px;border-bottom:1px solid #e4e7eb;text-align:right;white-space:nowrap}
            th{white-space:normal}
            th{color:#52606d;font-weight:600;background:#f5f7fa}
            th:first-child,td:first-child,td.text,th:last-child{text-align:left}
            td.text{white-space:normal;min-width:160px;max-width:420px;color:#52606d}
            """;

    private final RunReport report;
    private final Instant start;
    private final long spanMs;
    private final Markup page = new Markup();

    private TimelinePage(RunReport report) {
        this.report = report;
        this.start = report.startedAt() != null ? report.startedAt() : Instant.EPOCH;
        this.spanMs = Math.max(1, endMs());
    }

    /** The page of {@code report}: a finished run's, or a RUNNING record's. */
    public static String render(RunReport report) {
        return new TimelinePage(report).write();
    }

    /**
     * The page of a run that has no record yet (started, waiting for the run lock, or a dry run):
     * what is known of it, and that there is no timeline yet.
     */
    public static String notRecorded(String runId, String status, String startedAt, String reason) {
        Markup page = new Markup();
        head(page, "market-etl run " + runId + " (" + status + ")");
        page.open("h1").text("Run " + runId).element("span", status, "class", "badge", "style",
                "background:" + runStatusColour(status)).close("h1");
        page.element("p", "started " + startedAt + "; no record in the run ledger yet, so no timeline yet "
                + "(the run waits for the run lock, or is a dry run, which records nothing).", "class", "meta");
        if (reason != null) {
            page.element("p", reason, "class", "reason");
        }
        return page.constant("</body></html>\n").toString();
    }

    private String write() {
        head(page, "market-etl run " + report.runId() + " (" + report.status() + ")");
        header();
        timeline();
        legend();
        table();
        return page.constant("</body></html>\n").toString();
    }

    private static void head(Markup page, String title) {
        page.constant("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .constant("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">")
                .constant("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .element("title", title).open("style").constant(STYLE).close("style").constant("</head><body>");
    }

    private void header() {
        page.open("h1").text("Run " + report.runId()).element("span", report.status().name(), "class", "badge",
                "style", "background:" + runStatusColour(report.status().name())).close("h1");
        List<String> facts = new ArrayList<>();
        facts.add(report.mode());
        facts.add("trigger " + report.trigger());
        facts.add(count(report.symbols()) + " symbols");
        facts.add("started " + UTC.format(start));
        facts.add((report.status() == RunStatus.RUNNING ? "running for " : "took ") + duration(report.totalMs()));
        if (report.invocations().size() > 1) {
            facts.add(report.invocations().size() + " invocations");
        }
        facts.add(count(report.warehouseStatements()) + " warehouse statements");
        long requests = report.steps().stream().mapToLong(StepReport::apiRequests).sum()
                + report.progress().stream().mapToLong(StepProgress::apiRequests).sum();
        facts.add(count(requests) + " API requests");
        if (report.dryRun()) {
            facts.add("dry run");
        }
        page.element("p", String.join(" · ", facts), "class", "meta");
        if (report.reason() != null) {
            page.element("p", report.reason(), "class", "reason");
        }
        if (report.workLeft()) {
            page.element("p", "Stopped at its deadline with work left: the next invocation of the same run id goes on.",
                    "class", "meta");
        }
    }

    // ---- the SVG timeline ----

    private void timeline() {
        List<StepReport> independent = steps(Step.Phase.INDEPENDENT);
        List<StepReport> dependent = steps(Step.Phase.DEPENDENT);
        List<StepProgress> running = report.progress();
        List<PhaseReport> phases = report.phases().stream().filter(this::ran).toList();
        int rows = report.invocations().size() > 0 ? 1 : 0;
        rows += phases.size();
        rows += independent.size() + dependent.size() + running.size();
        int sections = (report.invocations().isEmpty() ? 0 : 1) + (phases.isEmpty() ? 0 : 1) + (independent.isEmpty() ? 0 : 1)
                + (dependent.isEmpty() ? 0 : 1) + (running.isEmpty() ? 0 : 1);
        int height = AXIS_HEIGHT + sections * SECTION_HEIGHT + rows * ROW_HEIGHT + 12
                + (report.requestWindows().isEmpty() ? 0 : SECTION_HEIGHT + WINDOWS_HEIGHT);
        page.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", px(WIDTH), "height", px(height), "viewBox",
                "0 0 " + WIDTH + " " + height, "role", "img", "aria-label", "timeline of run " + report.runId());
        axis(height);
        int y = AXIS_HEIGHT;
        if (!report.invocations().isEmpty()) {
            y = section(y, "INVOCATIONS");
            y = invocations(y);
        }
        if (!phases.isEmpty()) {
            y = section(y, "PHASES");
            for (PhaseReport phase : phases) {
                y = phase(y, phase);
            }
        }
        if (!independent.isEmpty()) {
            y = section(y, "LOADS, IN PARALLEL");
            for (StepReport step : independent) {
                y = step(y, step);
            }
        }
        if (!dependent.isEmpty()) {
            y = section(y, "DEPENDENT STEPS, IN ORDER");
            for (StepReport step : dependent) {
                y = step(y, step);
            }
        }
        if (!running.isEmpty()) {
            y = section(y, "NOT FINISHED YET");
            for (StepProgress step : running) {
                y = running(y, step);
            }
        }
        if (!report.requestWindows().isEmpty()) {
            y = section(y, "REQUESTS PER RATE WINDOW");
            windows(y);
        }
        boundaries(height);
        page.close("svg");
    }

    /** The time axis along the top, with a light grid line at each tick through every row. */
    private void axis(int height) {
        long tick = tickMs(spanMs);
        page.open("g", "class", "axis");
        for (long t = 0; t <= spanMs; t += tick) {
            double x = x(t);
            page.empty("line", "class", "grid", "x1", num(x), "x2", num(x), "y1", px(AXIS_HEIGHT - 6), "y2",
                    px(height - 4));
            page.element("text", axisLabel(t, tick), "x", num(x), "y", px(AXIS_HEIGHT - 12), "text-anchor", "middle");
        }
        page.element("text", "time since the run started", "x", px(PLOT_LEFT - 12), "y", px(AXIS_HEIGHT - 12),
                "text-anchor", "end");
        page.close("g");
    }

    private int section(int y, String title) {
        page.element("text", title, "class", "section", "x", px(12), "y", px(y + SECTION_HEIGHT - 8));
        return y + SECTION_HEIGHT;
    }

    private int invocations(int y) {
        List<InvocationReport> invocations = report.invocations();
        for (int i = 0; i < invocations.size(); i++) {
            InvocationReport invocation = invocations.get(i);
            long from = offset(invocation.startedAt());
            String label = "#" + (i + 1) + " " + invocation.outcome() + ", " + duration(invocation.ms());
            double next = i + 1 < invocations.size() ? x(offset(invocations.get(i + 1).startedAt())) - 4 : WIDTH - 4;
            bar(y, from, invocation.ms(), next, invocationColour(invocation.outcome()), false, label,
                    "invocation " + (i + 1) + ": " + invocation.outcome() + ", " + duration(invocation.ms())
                            + ", started " + UTC.format(invocation.startedAt()),
                    "class", "bar invocation", "data-invocation", String.valueOf(i + 1), "data-ms",
                    String.valueOf(invocation.ms()));
        }
        rowLabel(y, invocations.size() == 1 ? "one invocation" : invocations.size() + " invocations");
        return y + ROW_HEIGHT;
    }

    /** A phase spans its steps' bars; its label gives the phase's own wall time and, for the loads, the speed-up. */
    private int phase(int y, PhaseReport phase) {
        List<StepReport> steps = stepsOf(phase);
        Instant first = steps.stream().map(StepReport::startedAt).filter(t -> t != null).min(Instant::compareTo)
                .orElseThrow();
        Instant last = steps.stream().map(StepReport::finishedAt).filter(t -> t != null).max(Instant::compareTo)
                .orElseThrow();
        rowLabel(y, phase.phase() + (phase.parallel() ? " (parallel)" : " (in order)"));
        String label = duration(phase.ms());
        if (phase.parallel() && phase.speedUp() > 0) {
            label += ", " + phase.speedUp() + "× faster than its steps one after another (" + duration(phase.stepsMs())
                    + ")";
        }
        long from = offset(first);
        bar(y, from, Math.max(0, offset(last) - from), WIDTH - 4, "#7b8794", false, label,
                "phase " + phase.phase() + ": " + label, "class", "bar phase", "data-phase", phase.phase(), "data-ms",
                String.valueOf(phase.ms()));
        return y + ROW_HEIGHT;
    }

    /** Whether any step of the phase ran (has a start and an end to draw). */
    private boolean ran(PhaseReport phase) {
        return stepsOf(phase).stream().anyMatch(step -> step.startedAt() != null && step.finishedAt() != null);
    }

    private List<StepReport> stepsOf(PhaseReport phase) {
        return steps(Step.Phase.valueOf(phase.phase().toUpperCase(Locale.ROOT)));
    }

    private int step(int y, StepReport step) {
        rowLabel(y, step.step());
        if (step.startedAt() == null || step.finishedAt() == null) {
            page.element("text", step.status().name().toLowerCase(Locale.ROOT)
                    + (step.error() == null ? "" : ": " + step.error()), "class", "note", "x", px(PLOT_LEFT + 4), "y",
                    px(textY(y)));
            return y + ROW_HEIGHT;
        }
        long from = offset(step.startedAt());
        long length = Math.max(0, offset(step.finishedAt()) - from);
        String label = duration(step.ms()) + stepFigures(step);
        bar(y, from, length, WIDTH - 4, stepColour(step.status()), step.status() == StepStatus.PARTIAL, label,
                step.step() + " " + step.status() + ": " + step.summary(),
                "class", "bar step", "data-step", step.step(), "data-status", step.status().name(), "data-ms",
                String.valueOf(step.ms()));
        return y + ROW_HEIGHT;
    }

    private int running(int y, StepProgress step) {
        rowLabel(y, step.step());
        if (step.startedAt() == null) {
            page.element("text", "waiting for its turn" + symbolsOf(step), "class", "note", "x", px(PLOT_LEFT + 4),
                    "y", px(textY(y)));
            return y + ROW_HEIGHT;
        }
        long from = offset(step.startedAt());
        long length = Math.max(0, spanMs - from);
        String label = "running" + symbolsOf(step) + ", " + count(step.apiRequests()) + " requests"
                + (step.msLeft() == null ? "" : ", about " + duration(step.msLeft()) + " left");
        bar(y, from, length, WIDTH - 4, "#90caf9", true, label, step.step() + " " + label, "class", "bar running",
                "data-step", step.step(), "data-status", "RUNNING", "data-ms", String.valueOf(length));
        return y + ROW_HEIGHT;
    }

    /**
     * Requests per rate window as columns against the plan's limit (a dashed line). A limit far
     * above what the run sent would flatten the columns: then they are drawn to their own scale
     * and the limit is only named.
     */
    private void windows(int y) {
        List<RequestWindow> windows = report.requestWindows();
        int limit = windows.stream().mapToInt(RequestWindow::limit).max().orElse(0);
        long most = windows.stream().mapToLong(RequestWindow::requests).max().orElse(0);
        boolean limitDrawn = limit > 0 && limit <= 10 * most;
        double top = Math.max(1, limitDrawn ? Math.max(limit, most) : most);
        int chartTop = y + 14;
        int chartHeight = WINDOWS_HEIGHT - 26;
        int base = chartTop + chartHeight;
        page.element("text", limit > 0 ? "limit " + count(limit) + " per window" : "no limit", "class", "label", "x",
                px(24), "y", px(chartTop + 14));
        long windowMs = windows.stream().mapToLong(RequestWindow::ms).max().orElse(0);
        int noteY = chartTop + 30;
        if (windows.size() > 1) {
            page.element("text", "windows of " + duration(windowMs), "class", "note", "x", px(24), "y", px(noteY));
            noteY += 14;
        }
        if (limit > 0) {
            page.element("text", limitDrawn ? "dashed line: the limit" : "the limit is far above", "class", "note",
                    "x", px(24), "y", px(noteY));
        }
        for (RequestWindow window : windows) {
            double x0 = x(offset(window.startedAt()));
            double x1 = x(offset(window.startedAt()) + window.ms());
            double width = Math.max(1, x1 - x0 - 2);
            double height = window.requests() == 0 ? 0 : Math.max(1, chartHeight * window.requests() / top);
            page.open("rect", "class", "window", "x", num(x0 + 1), "y", num(base - height), "width", num(width),
                    "height", num(height), "fill", window.limit() > 0 && window.requests() >= window.limit()
                            ? "#ef6c00" : "#26a69a", "data-requests", String.valueOf(window.requests()));
            page.element("title", count(window.requests()) + " requests in the window from "
                    + UTC.format(window.startedAt()) + " (" + duration(window.ms()) + ")"
                    + (window.limit() > 0 ? ", limit " + count(window.limit()) : ""));
            page.close("rect");
            String figure = count(window.requests());
            if (width >= figure.length() * CHAR_WIDTH + 2) {
                page.element("text", figure, "class", "note", "x", num(x0 + 1 + width / 2), "y",
                        num(base - height - 4), "text-anchor", "middle");
            }
        }
        page.empty("line", "class", "grid", "x1", px(PLOT_LEFT), "x2", px(PLOT_RIGHT), "y1", px(base), "y2", px(base));
        if (limitDrawn) {
            double limitY = base - chartHeight * limit / top;
            page.empty("line", "class", "limit", "x1", px(PLOT_LEFT), "x2", px(PLOT_RIGHT), "y1", num(limitY), "y2",
                    num(limitY));
        }
    }

    /** Where each later invocation began: a dashed line across the picture. */
    private void boundaries(int height) {
        List<InvocationReport> invocations = report.invocations();
        for (int i = 1; i < invocations.size(); i++) {
            double x = x(offset(invocations.get(i).startedAt()));
            page.empty("line", "class", "boundary", "x1", num(x), "x2", num(x), "y1", px(AXIS_HEIGHT - 4), "y2",
                    px(height - 4));
        }
    }

    /**
     * A bar from {@code fromMs} lasting {@code lengthMs}, its details as a tooltip, and its label
     * where it reads best: after it when there is room before {@code rightLimit} (the next bar in the
     * row, or the picture's edge), else inside it, else before it.
     */
    private void bar(int y, long fromMs, long lengthMs, double rightLimit, String colour, boolean light, String label,
            String tooltip, String... attributes) {
        double x0 = x(fromMs);
        double width = Math.max(1, x(fromMs + lengthMs) - x0);
        String[] all = new String[attributes.length + 12];
        System.arraycopy(attributes, 0, all, 0, attributes.length);
        String[] geometry = { "x", num(x0), "y", px(y + (ROW_HEIGHT - BAR_HEIGHT) / 2), "width", num(width), "height",
                px(BAR_HEIGHT), "rx", "3", "fill", colour };
        System.arraycopy(geometry, 0, all, attributes.length, geometry.length);
        page.open("rect", all).element("title", tooltip).close("rect");
        double textWidth = label.length() * CHAR_WIDTH;
        String textY = px(textY(y));
        if (x0 + width + 6 + textWidth <= rightLimit) {
            page.element("text", label, "class", "label", "x", num(x0 + width + 6), "y", textY);
        } else if (textWidth + 12 <= width) {
            page.element("text", label, "class", light ? "label" : "inside", "x", num(x0 + width - 6), "y", textY,
                    "text-anchor", "end");
        } else if (x0 - 6 - textWidth >= PLOT_LEFT - 8) {
            page.element("text", label, "class", "label", "x", num(x0 - 6), "y", textY, "text-anchor", "end");
        } else {
            page.element("text", label, "class", "label", "x", num(x0 + width + 6), "y", textY);
        }
    }

    private void rowLabel(int y, String label) {
        page.element("text", label, "class", "label", "x", px(24), "y", px(textY(y)));
    }

    private static int textY(int rowTop) {
        return rowTop + ROW_HEIGHT / 2 + 4;
    }

    // ---- legend and table ----

    private void legend() {
        page.open("p", "class", "legend");
        for (StepStatus status : StepStatus.values()) {
            page.empty("span", "style", "background:" + stepColour(status)).text(status.name().toLowerCase(Locale.ROOT));
        }
        page.empty("span", "style", "background:#90caf9").text("running");
        page.empty("span", "style", "background:#7b8794").text("phase");
        if (!report.requestWindows().isEmpty()) {
            page.empty("span", "style", "background:#26a69a").text("requests in a window");
            page.empty("span", "style", "background:#ef6c00").text("window full");
        }
        page.close("p");
    }

    private void table() {
        page.open("table").open("thead").open("tr");
        for (String heading : List.of("step", "status", "started", "took", "symbols done", "rows extracted",
                "rows loaded", "API requests", "retries", "throttled", "failed symbols", "why")) {
            page.element("th", heading);
        }
        page.close("tr").close("thead").open("tbody");
        for (StepReport step : report.steps()) {
            page.open("tr");
            page.element("td", step.step());
            page.element("td", step.status().name());
            page.element("td", step.startedAt() == null ? "" : "+" + duration(offset(step.startedAt())));
            page.element("td", step.startedAt() == null ? "" : duration(step.ms()));
            page.element("td", Step.fromId(step.step()).phase() == Step.Phase.INDEPENDENT
                    ? count(step.symbolsDone()) + " of " + count(report.symbols()) : "");
            page.element("td", count(step.rowsExtracted()));
            page.element("td", count(step.rowsLoaded()));
            page.element("td", count(step.apiRequests()));
            page.element("td", count(step.retries()));
            page.element("td", count(step.throttled()));
            page.element("td", count(step.failedSymbols().size()));
            page.element("td", why(step), "class", "text");
            page.close("tr");
        }
        for (StepProgress step : report.progress()) {
            page.open("tr");
            page.element("td", step.step());
            page.element("td", step.state());
            page.element("td", step.startedAt() == null ? "" : "+" + duration(offset(step.startedAt())));
            page.element("td", step.msLeft() == null ? "" : "about " + duration(step.msLeft()) + " left");
            page.element("td", step.symbols() > 0 ? count(step.symbolsDone()) + " of " + count(step.symbols()) : "");
            page.element("td", "");
            page.element("td", "");
            page.element("td", count(step.apiRequests()));
            page.element("td", "");
            page.element("td", "");
            page.element("td", "");
            page.element("td", "", "class", "text");
            page.close("tr");
        }
        page.close("tbody").close("table");
    }

    private static String why(StepReport step) {
        if (step.error() != null) {
            return step.error();
        }
        if (step.failedSymbols().isEmpty()) {
            return "";
        }
        SymbolFailure first = step.failedSymbols().get(0);
        return first.symbol() + ": " + first.reason()
                + (step.failedSymbols().size() > 1 ? " (and " + (step.failedSymbols().size() - 1) + " more)" : "");
    }

    // ---- scale and words ----

    private List<StepReport> steps(Step.Phase phase) {
        return report.steps().stream().filter(step -> Step.fromId(step.step()).phase() == phase).toList();
    }

    /** The run's end on the axis: the latest thing the report knows of, at least its total time. */
    private long endMs() {
        long end = report.totalMs();
        for (StepReport step : report.steps()) {
            if (step.finishedAt() != null) {
                end = Math.max(end, offset(step.finishedAt()));
            }
        }
        for (InvocationReport invocation : report.invocations()) {
            end = Math.max(end, offset(invocation.startedAt()) + invocation.ms());
        }
        for (RequestWindow window : report.requestWindows()) {
            end = Math.max(end, offset(window.startedAt()) + window.ms());
        }
        return end;
    }

    private long offset(Instant instant) {
        return instant == null ? 0 : Duration.between(start, instant).toMillis();
    }

    private double x(long ms) {
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (double) ms / spanMs;
    }

    /** A round tick interval giving at most about ten ticks. */
    static long tickMs(long spanMs) {
        long[] steps = { 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
                300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000 };
        for (long step : steps) {
            if (spanMs / step <= 10) {
                return step;
            }
        }
        return 3_600_000 * ((spanMs / 3_600_000 + 9) / 10);
    }

    private static String axisLabel(long ms, long tick) {
        if (ms == 0) {
            return "0";
        }
        if (tick < 1_000) {
            return trimmed(ms / 1000.0) + " s";
        }
        return duration(ms);
    }

    /** {@code 850 ms}, {@code 2.3 s}, {@code 1 min 05 s}, {@code 1 h 02 min}. */
    static String duration(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return trimmed(Math.round(ms / 100.0) / 10.0) + " s";
        }
        long seconds = Math.round(ms / 1000.0);
        if (seconds < 3_600) {
            long s = seconds % 60;
            return seconds / 60 + " min" + (s == 0 ? "" : " " + (s < 10 ? "0" : "") + s + " s");
        }
        long minutes = Math.round(seconds / 60.0);
        long m = minutes % 60;
        return minutes / 60 + " h" + (m == 0 ? "" : " " + (m < 10 ? "0" : "") + m + " min");
    }

    private static String trimmed(double value) {
        String text = String.valueOf(Math.round(value * 10) / 10.0);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static String stepFigures(StepReport step) {
        List<String> figures = new ArrayList<>();
        if (step.apiRequests() > 0) {
            figures.add(count(step.apiRequests()) + " requests");
        }
        figures.add(count(step.rowsLoaded()) + " rows");
        if (!step.failedSymbols().isEmpty()) {
            figures.add(count(step.failedSymbols().size()) + " failed");
        }
        return " · " + String.join(", ", figures);
    }

    private static String symbolsOf(StepProgress step) {
        return step.symbols() > 0 ? ", " + count(step.symbolsDone()) + " of " + count(step.symbols()) + " symbols" : "";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String num(double value) {
        return String.valueOf(Math.round(value * 100) / 100.0);
    }

    private static String px(int value) {
        return String.valueOf(value);
    }

    private static String stepColour(StepStatus status) {
        return switch (status) {
            case SUCCEEDED -> "#2e7d32";
            case PARTIAL -> "#f9a825";
            case FAILED -> "#c62828";
            case SKIPPED -> "#9aa5b1";
        };
    }

    private static String invocationColour(String outcome) {
        return switch (outcome) {
            case InvocationReport.FINISHED -> "#3949ab";
            case InvocationReport.DEADLINE -> "#8e24aa";
            case InvocationReport.DIED -> "#c62828";
            default -> "#1e88e5";
        };
    }

    private static String runStatusColour(String status) {
        return switch (status) {
            case "SUCCEEDED" -> "#2e7d32";
            case "PARTIAL" -> "#e08e0b";
            case "RUNNING" -> "#1e88e5";
            default -> "#c62828";
        };
    }
}
