package org.marketetl.lambda;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The event shapes the function accepts, recognised by {@link EventShapes}. */
sealed interface IncomingEvent {

    /** An EventBridge schedule; {@code detail} may carry a run request (a rule's constant input). */
    record Scheduled(JsonNode detail) implements IncomingEvent {
    }

    /** A plain run request: direct invoke, {@code sam local invoke -e}. */
    record Direct(JsonNode request) implements IncomingEvent {
    }

    /**
     * The run state machine's task: the run id is the execution's name, the trigger who started the
     * execution (the schedule or the API), the request as it was started (may be empty).
     */
    record Orchestrated(String runId, String trigger, JsonNode request) implements IncomingEvent {
    }

    /** An operator's request for an operation other than a run, e.g. {@code {"operation": "migrate"}}. */
    record Operation(String name) implements IncomingEvent {
    }

    /**
     * An API Gateway proxy request, REST (v1) or HTTP API (v2), reduced to what routing needs.
     *
     * @param method         GET, POST, ...
     * @param path           the request path as the caller sent it, stage prefix included (REST API:
     *                       {@code requestContext.path}; HTTP API: {@code rawPath})
     * @param pathParameters path parameters API Gateway extracted (may be empty)
     * @param body           the body as text (already base64-decoded), or null
     * @param accept         the request's {@code Accept} header, or null without one
     */
    record ApiRequest(String method, String path, Map<String, String> pathParameters, String body, String accept)
            implements IncomingEvent {

        /** A request without an {@code Accept} header. */
        ApiRequest(String method, String path, Map<String, String> pathParameters, String body) {
            this(method, path, pathParameters, body, null);
        }
    }
}
