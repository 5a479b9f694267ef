package org.marketetl.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.inject.Named;

import org.marketetl.config.RunConfig;
import org.marketetl.run.Deadline;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.run.Pipeline;
import org.marketetl.run.RunLockedException;
import org.marketetl.run.RunRequestReader;
import org.marketetl.run.Trigger;
import org.marketetl.warehouse.SchemaMigrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The Lambda entry point: recognise the event, run, answer in the caller's shape. API Gateway
 * callers get a proxy response (400 for bad input); schedule and direct callers get the run
 * report, and bad input from them fails the invocation with an {@code InvalidRunRequestException}
 * whose message says what is wrong. {@code {"operation": "migrate"}} applies schema migrations.
 * It reads the event's bytes itself ({@link StrictJson}) rather than take Quarkus' lenient
 * parse, so trailing content or a key given twice is refused with our message.
 */
@Named("run")
public class RunHandler implements RequestStreamHandler {

    private final Pipeline pipeline;
    private final RunRequestReader reader;
    private final ApiRoutes api;
    private final ObjectMapper json;
    private final RunConfig config;
    private final SchemaMigrator migrator;

    RunHandler(Pipeline pipeline, RunRequestReader reader, ApiRoutes api, ObjectMapper json, RunConfig config,
            SchemaMigrator migrator) {
        this.migrator = migrator;
        this.pipeline = pipeline;
        this.reader = reader;
        this.api = api;
        this.json = json;
        this.config = config;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            json.writeValue(output, answer(StrictJson.read(input, "event"), context));
        } catch (InvalidRunRequestException | UnsupportedEventException | RunLockedException e) {
            // Expected refusals (quarkus.lambda.expected-exceptions): one line, no stack trace.
            Log.infof("invocation refused: %s", e.getMessage());
            throw e;
        }
    }

    private JsonNode answer(JsonNode event, Context context) {
        Deadline deadline = Deadline.ofInvocation(context::getRemainingTimeInMillis, config.deadlineReserve());
        IncomingEvent incoming = EventShapes.recognise(event);
        if (incoming instanceof IncomingEvent.ApiRequest request) {
            return json.valueToTree(api.handle(request, deadline));
        }
        if (incoming instanceof IncomingEvent.Operation) {
            return json.valueToTree(migrator.migrate());
        }
        Trigger trigger = incoming instanceof IncomingEvent.Scheduled ? Trigger.SCHEDULE : Trigger.DIRECT;
        JsonNode body = incoming instanceof IncomingEvent.Scheduled scheduled ? scheduled.detail()
                : ((IncomingEvent.Direct) incoming).request();
        return json.valueToTree(pipeline.run(reader.read(body, trigger), deadline));
    }
}
