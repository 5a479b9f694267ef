package org.marketetl.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.inject.Named;

import org.marketetl.config.RunConfig;
import org.marketetl.run.Deadline;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.run.Pipeline;
import org.marketetl.bookkeeping.RunLockedException;
import org.marketetl.run.RunRequestReader;
import org.marketetl.run.Trigger;
import org.marketetl.warehouse.SchemaMigrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The run function's entry point (handler {@code run}): recognise the event, run, answer the run
 * report. It takes the run state machine's task (how every deployed run arrives), a direct run
 * request ({@code sam local invoke}, the local run), an EventBridge scheduled event, and
 * {@code {"operation": "migrate"}}, which applies schema migrations. Bad input fails the invocation
 * with an {@code InvalidRunRequestException} saying what is wrong; API Gateway events belong to the
 * API function ({@link ApiHandler}). It reads the event's bytes itself ({@link StrictJson}) rather
 * than take Quarkus' lenient parse, so trailing content or a key given twice is refused.
 */
@Named("run")
public class RunHandler implements RequestStreamHandler {

    private final Pipeline pipeline;
    private final RunRequestReader reader;
    private final ObjectMapper json;
    private final RunConfig config;
    private final SchemaMigrator migrator;

    RunHandler(Pipeline pipeline, RunRequestReader reader, ObjectMapper json, RunConfig config, SchemaMigrator migrator) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.json = json;
        this.config = config;
        this.migrator = migrator;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            json.writeValue(output, handle(EventShapes.recognise(StrictJson.read(input, "event")),
                    Deadline.ofInvocation(context::getRemainingTimeInMillis, config.deadlineReserve())));
        } catch (InvalidRunRequestException | UnsupportedEventException | RunLockedException e) {
            // Expected refusals (quarkus.lambda.expected-exceptions): one line, no stack trace.
            Log.infof("invocation refused: %s", e.getMessage());
            throw e;
        } catch (Error e) {
            Log.error("the run function failed with an error", e);
            throw new InternalFailureException(e);
        }
    }

    private JsonNode handle(IncomingEvent incoming, Deadline deadline) {
        if (incoming instanceof IncomingEvent.Operation) {
            return json.valueToTree(migrator.migrate());
        }
        if (incoming instanceof IncomingEvent.Orchestrated task) {
            return json.valueToTree(pipeline.run(reader.readForRun(task.request(), trigger(task.trigger()), task.runId()),
                    deadline));
        }
        if (incoming instanceof IncomingEvent.Scheduled scheduled) {
            return json.valueToTree(pipeline.run(reader.read(scheduled.detail(), Trigger.SCHEDULE), deadline));
        }
        if (incoming instanceof IncomingEvent.Direct direct) {
            return json.valueToTree(pipeline.run(reader.read(direct.request(), Trigger.DIRECT), deadline));
        }
        throw new UnsupportedEventException("an API Gateway request, which the API function (handler 'api') serves",
                UnsupportedEventException.RUN_FUNCTION_ACCEPTS);
    }

    private static Trigger trigger(String id) {
        for (Trigger trigger : Trigger.values()) {
            if (trigger.id().equals(id)) {
                return trigger;
            }
        }
        throw new InvalidRunRequestException("unknown trigger '" + InvalidRunRequestException.echo(id)
                + "'; a state machine task names schedule, api or direct");
    }
}
