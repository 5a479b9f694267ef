package org.marketetl.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.Redactor;
import org.marketetl.orchestration.RunExecutions;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.bookkeeping.RunLedger;
import org.marketetl.report.RunReport;
import org.marketetl.report.TimelinePage;
import org.marketetl.run.RunRequest;
import org.marketetl.run.RunRequestReader;
import org.marketetl.run.Trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;

/**
 * The two API routes, answered at once: {@code POST /runs} validates the run request (body; may be
 * empty or {@code null}) and starts the run state machine's execution named by the run id, answering
 * 202 with the run id and {@code Location: <the POST's path>/{runId}} ({@code /prod/runs/{runId}}
 * through the REST API's stage {@code prod}); the same run id posted again starts nothing and
 * answers the same run. {@code GET /runs/{runId}} answers the run as the ledger has it (RUNNING
 * with the steps finished so far and the symbols done of the others while it goes on, the report
 * after), or as Step Functions has it before the run's first record: as JSON, or as the run's
 * timeline page ({@link TimelinePage}) for a client whose {@code Accept} header prefers
 * {@code text/html} (a browser). Bad input is a 400 with {@code {"error": ...}}; a failure of ours
 * is a 500 that says what failed, never a stack trace.
 */
@ApplicationScoped
class ApiRoutes {

    /** Matches with or without a stage prefix (HTTP API puts it in rawPath). */
    private static final Pattern RUNS = Pattern.compile("(?:.*/)?runs/?");
    private static final Pattern RUN = Pattern.compile("(?:.*/)?runs/([^/]+)/?");

    private final RunExecutions executions;
    private final RunLedger ledger;
    private final RunRequestReader reader;
    private final ObjectMapper json;

    ApiRoutes(RunExecutions executions, RunLedger ledger, RunRequestReader reader, ObjectMapper json) {
        this.executions = executions;
        this.ledger = ledger;
        this.reader = reader;
        this.json = json;
    }

    ApiResponse handle(IncomingEvent.ApiRequest request) {
        try {
            Matcher one = RUN.matcher(request.path());
            if (RUNS.matcher(request.path()).matches()) {
                return "POST".equals(request.method()) ? startRun(request) : notAllowed("POST");
            }
            if (one.matches()) {
                return "GET".equals(request.method()) ? readRun(runId(request, one), request.accept())
                        : notAllowed("GET");
            }
            return error(404, "no route for " + InvalidRunRequestException.echo(request.method()) + " "
                    + InvalidRunRequestException.echo(request.path())
                    + "; routes are POST /runs and GET /runs/{runId}");
        } catch (InvalidRunRequestException e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            // The caller gets the reason (already free of secrets) and the log gets the stack.
            Log.errorf(e, "API request %s %s failed", InvalidRunRequestException.printable(request.method()),
                    InvalidRunRequestException.printable(request.path()));
            return error(500, Redactor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private ApiResponse startRun(IncomingEvent.ApiRequest request) {
        JsonNode body = StrictJson.read(request.body(), "body");
        RunRequest run = reader.read(body, Trigger.API);
        // A bare JSON null is no request at all, as an empty body is: the defaults (the reader took it so).
        ObjectNode asked = body == null || body.isNull() ? json.createObjectNode() : ((ObjectNode) body).deepCopy();
        asked.put("runId", run.runId());
        ObjectNode input = json.createObjectNode().put("trigger", Trigger.API.id());
        input.set("request", asked);
        boolean started = executions.start(run.runId(), write(input));
        String location = location(request.path(), run.runId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", run.runId());
        answer.put("started", started);
        answer.put("status", started ? "RUNNING"
                : executions.describe(run.runId()).map(RunExecutions.Execution::status).orElse("RUNNING"));
        answer.put("location", location);
        return new ApiResponse(202, Map.of("Content-Type", "application/json", "Location", location), write(answer),
                false);
    }

    private ApiResponse readRun(String runId, String accept) {
        if (!RunRequestReader.isRunId(runId)) {
            return error(400, "malformed run id '" + InvalidRunRequestException.echo(runId) + "'");
        }
        Optional<ContentNegotiation.Form> form = ContentNegotiation.choose(accept);
        if (form.isEmpty()) {
            return error(406, "cannot answer Accept: " + InvalidRunRequestException.echo(accept)
                    + "; a run is application/json (the report) or text/html (its timeline page)");
        }
        boolean html = form.get() == ContentNegotiation.Form.HTML;
        Optional<RunReport> report = ledger.find(runId);
        if (report.isPresent()) {
            return run(form.get(), html ? TimelinePage.render(report.get()) : write(report.get()));
        }
        // Started, but no record yet (waiting for the run lock, or a dry run, which records nothing).
        return executions.describe(runId).map(execution -> {
            if (html) {
                return run(form.get(), TimelinePage.notRecorded(runId, execution.status(),
                        String.valueOf(execution.startedAt()), execution.cause()));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("runId", runId);
            answer.put("status", execution.status());
            answer.put("startedAt", String.valueOf(execution.startedAt()));
            answer.put("reason", execution.cause());
            answer.put("steps", List.of());
            answer.put("invocations", List.of());
            return run(form.get(), write(answer));
        }).orElseGet(() -> error(404, "no run with id '" + runId + "'"));
    }

    /** A run in the form asked for; {@code Vary: Accept}, since the same URL answers either. */
    private static ApiResponse run(ContentNegotiation.Form form, String body) {
        return new ApiResponse(200, Map.of("Content-Type", form.contentType(), "Vary", "Accept"), body, false);
    }

    /**
     * Where the run can be read: the POST's path as the caller sent it, stage included (REST API:
     * {@code requestContext.path}, {@code /prod/runs}; HTTP API: {@code rawPath}), plus the id.
     */
    private static String location(String postPath, String runId) {
        String base = postPath.endsWith("/") ? postPath.substring(0, postPath.length() - 1) : postPath;
        return base + "/" + runId;
    }

    private static String runId(IncomingEvent.ApiRequest request, Matcher matcher) {
        return Optional.ofNullable(request.pathParameters().get("runId")).orElse(matcher.group(1));
    }

    /** A 400 for a request refused before it could be routed (a body that cannot be read). */
    ApiResponse badRequest(String message) {
        return error(400, message);
    }

    private ApiResponse notAllowed(String allowed) {
        return error(405, "method not allowed; use " + allowed);
    }

    private ApiResponse error(int status, String message) {
        Log.infof("API request refused with %d: %s", status, message);
        return ApiResponse.json(status, write(Map.of("error", message)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response JSON", e);
        }
    }
}
