package org.marketetl.lambda;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * The API function's entry point (handler {@code api}, the same artifact as the run function):
 * API Gateway REST (v1) and HTTP API (v2) proxy events for {@code POST /runs} and
 * {@code GET /runs/{runId}}, answered at once ({@link ApiRoutes}); runs themselves belong to the
 * run state machine and the run function. Any other event is refused.
 */
@Named("api")
public class ApiHandler implements RequestHandler<JsonNode, JsonNode> {

    private final ApiRoutes routes;
    private final ObjectMapper json;

    ApiHandler(ApiRoutes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        try {
            if (EventShapes.recognise(event) instanceof IncomingEvent.ApiRequest request) {
                return json.valueToTree(routes.handle(request));
            }
            throw new UnsupportedEventException("not an API Gateway request; runs are the run function's (handler 'run')",
                    UnsupportedEventException.API_FUNCTION_ACCEPTS);
        } catch (Error e) {
            Log.error("the API function failed with an error", e);
            throw new InternalFailureException(e);
        }
    }
}
