package org.marketetl.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.Redactor;
import org.marketetl.run.Deadline;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.run.Pipeline;
import org.marketetl.run.RunLedger;
import org.marketetl.run.RunLockedException;
import org.marketetl.run.RunReport;
import org.marketetl.run.RunRequestReader;
import org.marketetl.run.Trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The two API routes: {@code POST /runs} starts a run (body: a run request, may be empty) and
 * {@code GET /runs/{runId}} reads a stored report. Bad input is a 400 with {@code {"error": ...}};
 * a run refused because another holds the run lock is a 409 that names the holder;
 * a failure of ours is a 500 that names the run, never a stack trace.
 */
@ApplicationScoped
class ApiRoutes {

    /** Matches with or without a stage prefix (HTTP API puts it in rawPath). */
    private static final Pattern RUNS = Pattern.compile("(?:.*/)?runs/?");
    private static final Pattern RUN = Pattern.compile("(?:.*/)?runs/([^/]+)/?");

    private final Pipeline pipeline;
    private final RunLedger ledger;
    private final RunRequestReader reader;
    private final ObjectMapper json;

    ApiRoutes(Pipeline pipeline, RunLedger ledger, RunRequestReader reader, ObjectMapper json) {
        this.pipeline = pipeline;
        this.ledger = ledger;
        this.reader = reader;
        this.json = json;
    }

    ApiResponse handle(IncomingEvent.ApiRequest request, Deadline deadline) {
        try {
            Matcher one = RUN.matcher(request.path());
            if (RUNS.matcher(request.path()).matches()) {
                return "POST".equals(request.method()) ? startRun(request, deadline) : notAllowed("POST");
            }
            if (one.matches()) {
                return "GET".equals(request.method()) ? readReport(runId(request, one)) : notAllowed("GET");
            }
            return error(404, "no route for " + request.method() + " " + InvalidRunRequestException.echo(request.path())
                    + "; routes are POST /runs and GET /runs/{runId}");
        } catch (InvalidRunRequestException e) {
            return error(400, e.getMessage());
        } catch (RunLockedException e) {
            return error(409, e.getMessage());
        } catch (RuntimeException e) {
            // The caller gets the reason (already free of secrets) and the log gets the stack.
            Log.errorf(e, "API request %s %s failed", request.method(), request.path());
            return error(500, Redactor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private ApiResponse startRun(IncomingEvent.ApiRequest request, Deadline deadline) {
        JsonNode body = StrictJson.read(request.body(), "body");
        RunReport report = pipeline.run(reader.read(body, Trigger.API), deadline);
        return ApiResponse.json(200, write(report));
    }

    private ApiResponse readReport(String runId) {
        if (!RunRequestReader.isRunId(runId)) {
            return error(400, "malformed run id '" + InvalidRunRequestException.echo(runId) + "'");
        }
        Optional<RunReport> report = ledger.find(runId);
        return report.map(r -> ApiResponse.json(200, write(r)))
                .orElseGet(() -> error(404, "no run with id '" + runId + "'"));
    }

    private static String runId(IncomingEvent.ApiRequest request, Matcher matcher) {
        return Optional.ofNullable(request.pathParameters().get("runId")).orElse(matcher.group(1));
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
