package org.marketetl.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.inject.Named;

import org.marketetl.run.InvalidRunRequestException;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The API function's entry point (handler {@code api}, the same artifact as the run function):
 * API Gateway REST (v1) and HTTP API (v2) proxy events for {@code POST /runs} and
 * {@code GET /runs/{runId}}, answered at once ({@link ApiRoutes}); runs themselves belong to the
 * run state machine and the run function. Any other event is refused. Like the run function it
 * reads the event strictly ({@link StrictJson}).
 */
@Named("api")
public class ApiHandler implements RequestStreamHandler {

    private final ApiRoutes routes;
    private final ObjectMapper json;

    ApiHandler(ApiRoutes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            if (EventShapes.recognise(StrictJson.read(input, "event")) instanceof IncomingEvent.ApiRequest request) {
                json.writeValue(output, routes.handle(request));
                return;
            }
            throw new UnsupportedEventException("not an API Gateway request; runs are the run function's (handler 'run')",
                    UnsupportedEventException.API_FUNCTION_ACCEPTS);
        } catch (UnreadableBodyException e) {
            // An API request all the same: its caller gets a 400, as for any bad body.
            json.writeValue(output, routes.badRequest(e.getMessage()));
        } catch (InvalidRunRequestException | UnsupportedEventException e) {
            Log.infof("invocation refused: %s", e.getMessage());
            throw e;
        } catch (Error e) {
            Log.error("the API function failed with an error", e);
            throw new InternalFailureException(e);
        }
    }
}
