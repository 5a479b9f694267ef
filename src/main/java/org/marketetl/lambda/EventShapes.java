package org.marketetl.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.marketetl.run.InvalidRunRequestException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises which of the accepted shapes an event is, by the fields AWS documents for each:
 * EventBridge has {@code "source"} and {@code "detail-type"}; API Gateway v1 has
 * {@code httpMethod} and {@code requestContext}; v2 has {@code "version": "2.0"} and
 * {@code requestContext.http}. Anything carrying other services' markers ({@code Records} of
 * S3/SQS/SNS/DynamoDB, {@code awslogs}, an EventBridge event from another source, an API Gateway
 * authorizer's {@code methodArn} or {@code routeArn}, a load balancer's {@code requestContext.elb})
 * is refused;
 * {@code {"operation": "migrate"}} is the deploy-time migration; {@code {"runId", "trigger",
 * "request"}} is the run state machine's task; every other JSON object is taken
 * as a run request and validated as one.
 */
final class EventShapes {

    /** Operations besides runs: {@code migrate} applies pending schema migrations (a deploy step). */
    static final java.util.Set<String> OPERATIONS = java.util.Set.of("migrate");

    private EventShapes() {
    }

    static IncomingEvent recognise(JsonNode event) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            return new IncomingEvent.Direct(null);
        }
        if (!event.isObject()) {
            throw new UnsupportedEventException("not a JSON object");
        }
        if (event.has("Records")) {
            throw new UnsupportedEventException("a 'Records' batch, as S3, SQS, SNS or DynamoDB send");
        }
        if (event.has("awslogs")) {
            throw new UnsupportedEventException("a CloudWatch Logs subscription");
        }
        if (event.has("detail-type") || event.has("source")) {
            return scheduled(event);
        }
        if (event.has("methodArn") || event.has("routeArn")) {
            // An authorizer's event carries a proxy request's fields too (httpMethod, path,
            // requestContext): taken for one, a REQUEST authorizer's POST /runs would start a run.
            throw new UnsupportedEventException("an API Gateway authorizer request (type '"
                    + InvalidRunRequestException.echo(event.path("type").asText("")) + "'); this function is no authorizer");
        }
        if (event.path("requestContext").has("elb")) {
            throw new UnsupportedEventException("an Application Load Balancer request");
        }
        if (event.has("requestContext")) {
            return apiRequest(event);
        }
        if (event.has("operation")) {
            return operation(event);
        }
        if (event.has("request") && event.has("trigger")) {
            return orchestrated(event);
        }
        return new IncomingEvent.Direct(event);
    }

    /** The state machine's task input: {@code {"runId": "<execution name>", "trigger": "...", "request": {...}}}. */
    private static IncomingEvent orchestrated(JsonNode event) {
        JsonNode runId = event.get("runId");
        JsonNode trigger = event.get("trigger");
        if (event.size() != 3 || runId == null || !runId.isTextual() || !trigger.isTextual()) {
            throw new InvalidRunRequestException("a state machine task is {\"runId\": \"<execution name>\", "
                    + "\"trigger\": \"schedule|api|direct\", \"request\": {...}} and nothing else");
        }
        return new IncomingEvent.Orchestrated(runId.asText(), trigger.asText(), event.get("request"));
    }

    private static IncomingEvent operation(JsonNode event) {
        JsonNode name = event.get("operation");
        if (event.size() != 1 || !name.isTextual() || !OPERATIONS.contains(name.asText())) {
            throw new InvalidRunRequestException("an operation request is {\"operation\": \"migrate\"} and nothing else");
        }
        return new IncomingEvent.Operation(name.asText());
    }

    private static IncomingEvent scheduled(JsonNode event) {
        String source = event.path("source").asText("");
        if (!"aws.events".equals(source) && !"aws.scheduler".equals(source)) {
            throw new UnsupportedEventException("an EventBridge event from '" + InvalidRunRequestException.echo(source) + "'");
        }
        JsonNode detail = event.get("detail");
        boolean carriesRequest = detail != null && detail.isObject() && !detail.isEmpty();
        return new IncomingEvent.Scheduled(carriesRequest ? detail : null);
    }

    private static IncomingEvent apiRequest(JsonNode event) {
        JsonNode context = event.get("requestContext");
        String method;
        String path;
        if ("2.0".equals(event.path("version").asText()) && context.has("http")) {
            method = context.path("http").path("method").asText("");
            path = event.path("rawPath").asText(context.path("http").path("path").asText(""));
        } else if (event.has("httpMethod")) {
            method = event.path("httpMethod").asText("");
            // requestContext.path is the path the caller sent, stage included (/prod/runs; on a
            // custom domain its base path), where "path" is the resource's (/runs): the answer's
            // Location must be a URL the caller can follow.
            String requested = context.path("path").asText("");
            path = requested.isEmpty() ? event.path("path").asText("") : requested;
        } else {
            throw new UnsupportedEventException("a requestContext without an API Gateway v1 or v2 request");
        }
        return new IncomingEvent.ApiRequest(method, path, pathParameters(event.get("pathParameters")), body(event),
                accept(event));
    }

    /**
     * The {@code Accept} header: header names are case-insensitive (HTTP APIs send them in lower
     * case, REST APIs as the client wrote them); a REST API's repeated header is in
     * {@code multiValueHeaders}, joined here as HTTP joins it.
     */
    private static String accept(JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = event.path("multiValueHeaders").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if ("accept".equalsIgnoreCase(header.getKey()) && header.getValue().isArray()) {
                java.util.List<String> values = new java.util.ArrayList<>();
                header.getValue().forEach(value -> values.add(value.asText()));
                return String.join(", ", values);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = event.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if ("accept".equalsIgnoreCase(header.getKey()) && header.getValue().isTextual()) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static Map<String, String> pathParameters(JsonNode node) {
        Map<String, String> parameters = new HashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                parameters.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return parameters;
    }

    private static String body(JsonNode event) {
        JsonNode body = event.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        if (!body.isTextual()) {
            throw new UnreadableBodyException("body must be the request as text (API Gateway sends a string), got "
                    + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new UnreadableBodyException("body is marked base64 but is not valid base64");
            }
        }
        return body.asText();
    }
}
