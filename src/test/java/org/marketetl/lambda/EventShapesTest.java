package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketetl.testing.Events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which accepted shape an event is, from the fixtures in {@code events/} and inline variants of them. */
class EventShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode fixture(String name) {
        return (ObjectNode) json(Events.read(name));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // --- EventBridge ----------------------------------------------------------------------------

    @Test
    void recognisesTheScheduledEvent_withAnEmptyDetail_asAScheduleWithoutRequest() {
        // Arrange
        JsonNode event = fixture("eventbridge-scheduled.json");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Scheduled(null));
    }

    @Test
    void recognisesAScheduledEvent_withoutADetailField_asAScheduleWithoutRequest() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.remove("detail");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Scheduled(null));
    }

    @Test
    void carriesTheDetail_whenAScheduleRuleSendsARunRequest() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        JsonNode detail = json("{\"mode\": \"full-refresh\", \"symbols\": [\"AAPL\"]}");
        event.set("detail", detail);

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isInstanceOf(IncomingEvent.Scheduled.class);
        assertThat(((IncomingEvent.Scheduled) shape).detail()).isEqualTo(detail);
    }

    @Test
    void ignoresADetailThatIsNotAnObject() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.put("detail", "nightly");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Scheduled(null));
    }

    @Test
    void recognisesAnEventFromEventBridgeScheduler_asASchedule() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.put("source", "aws.scheduler");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Scheduled(null));
    }

    @Test
    void refusesAnEventBridgeEvent_fromAnotherSource_namingTheSource() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.put("source", "aws.ec2");
        event.put("detail-type", "EC2 Instance State-change Notification");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("an EventBridge event from 'aws.ec2'");
    }

    @Test
    void refusesAnEventWithADetailTypeButNoSource() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.remove("source");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("an EventBridge event from ''");
    }

    @Test
    void quotesAtMostFortyCharactersOfAForeignSource() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.put("source", "custom." + "x".repeat(100));

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("'custom." + "x".repeat(33) + "...'")
                .hasMessageNotContaining("x".repeat(34));
    }

    @Test
    void escapesControlCharacters_ofAForeignSource_soTheRefusalStaysOneLine() {
        // Arrange
        ObjectNode event = fixture("eventbridge-scheduled.json");
        event.put("source", "evil\u001b[31m\nsecond line");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("'evil\\u001b[31m\\u000asecond line'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }

    // --- API Gateway REST (v1) ------------------------------------------------------------------

    @Test
    void recognisesTheRestApiFixture_withItsMethodPathAndBody() {
        // Arrange
        JsonNode event = fixture("apigw-v1-post-run.json");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert: the path as the caller sent it, stage included (requestContext.path)
        assertThat(shape).isEqualTo(new IncomingEvent.ApiRequest("POST", "/prod/runs", Map.of(),
                "{\"mode\":\"backfill\",\"symbols\":[\"MSFT\",\"KO\"],\"steps\":[\"company\",\"price\",\"financial\"]}"));
    }

    @Test
    void carriesAStagePrefixedPath_andThePathParameters_ofARestApiRequest() {
        // Arrange: API Gateway's resource path in "path", the requested one in requestContext.path
        ObjectNode event = fixture("apigw-v1-post-run.json");
        event.put("httpMethod", "GET");
        event.put("path", "/runs/nightly-2026-11-24");
        ((ObjectNode) event.get("requestContext")).put("path", "/prod/runs/nightly-2026-11-24");
        event.set("pathParameters", json("{\"runId\": \"nightly-2026-11-24\"}"));
        event.putNull("body");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.ApiRequest("GET", "/prod/runs/nightly-2026-11-24",
                Map.of("runId", "nightly-2026-11-24"), null));
    }

    @Test
    void takesThePath_whenARestApiRequestHasNoContextPath() {
        // Arrange: a hand-made event (the console's test, a tool) without requestContext.path
        ObjectNode event = fixture("apigw-v1-post-run.json");
        ((ObjectNode) event.get("requestContext")).remove("path");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).path()).isEqualTo("/runs");
    }

    @Test
    void decodesABase64Body_ofARestApiRequest() {
        // Arrange
        ObjectNode event = fixture("apigw-v1-post-run.json");
        event.put("body", base64("{\"symbols\": [\"KO\"]}"));
        event.put("isBase64Encoded", true);

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).body()).isEqualTo("{\"symbols\": [\"KO\"]}");
    }

    @Test
    void carriesNoBody_whenARestApiRequestHasNone() {
        // Arrange
        ObjectNode event = fixture("apigw-v1-post-run.json");
        event.remove("body");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).body()).isNull();
    }

    @Test
    void carriesTheAcceptHeader_ofARestApiRequest_whateverTheCaseOfItsName() {
        // Arrange
        ObjectNode event = fixture("apigw-v1-post-run.json");
        ((ObjectNode) event.get("headers")).put("Accept", "text/html");
        event.remove("multiValueHeaders");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).accept()).isEqualTo("text/html");
    }

    @Test
    void joinsARepeatedAcceptHeader_ofARestApiRequest() {
        // Arrange
        ObjectNode event = fixture("apigw-v1-post-run.json");
        ((ObjectNode) event.get("headers")).put("accept", "application/json");
        event.set("multiValueHeaders", json("{\"accept\": [\"text/html\", \"application/json;q=0.5\"]}"));

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).accept()).isEqualTo("text/html, application/json;q=0.5");
    }

    // --- API Gateway HTTP API (v2) --------------------------------------------------------------

    @Test
    void recognisesTheHttpApiFixture_andDecodesItsBase64Body() {
        // Arrange
        JsonNode event = fixture("apigw-v2-post-run.json");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.ApiRequest("POST", "/runs", Map.of(),
                "{\"mode\":\"backfill\",\"symbols\":[\"NVDA\"],\"steps\":[\"company\",\"price\",\"financial\"]}"));
    }

    @Test
    void carriesTheStagePrefixedRawPath_andThePathParameters_ofAnHttpApiRequest() {
        // Arrange
        ObjectNode event = fixture("apigw-v2-post-run.json");
        event.put("rawPath", "/prod/runs/nightly-2026-11-24");
        ((ObjectNode) event.get("requestContext").get("http")).put("method", "GET")
                .put("path", "/prod/runs/nightly-2026-11-24");
        event.set("pathParameters", json("{\"runId\": \"nightly-2026-11-24\"}"));
        event.remove("body");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.ApiRequest("GET", "/prod/runs/nightly-2026-11-24",
                Map.of("runId", "nightly-2026-11-24"), null));
    }

    @Test
    void carriesTheAcceptHeader_ofAnHttpApiRequest() {
        // Arrange
        ObjectNode event = fixture("apigw-v2-post-run.json");
        ((ObjectNode) event.get("headers")).put("accept", "text/html,*/*;q=0.8");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).accept()).isEqualTo("text/html,*/*;q=0.8");
    }

    @Test
    void fallsBackToTheContextPath_whenAnHttpApiRequestHasNoRawPath() {
        // Arrange
        ObjectNode event = fixture("apigw-v2-post-run.json");
        event.remove("rawPath");
        ((ObjectNode) event.get("requestContext").get("http")).put("path", "/prod/runs");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).path()).isEqualTo("/prod/runs");
    }

    @Test
    void carriesAPlainBody_whenAnHttpApiRequestIsNotBase64() {
        // Arrange
        ObjectNode event = fixture("apigw-v2-post-run.json");
        event.put("body", "{\"dryRun\": true}");
        event.put("isBase64Encoded", false);

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(((IncomingEvent.ApiRequest) shape).body()).isEqualTo("{\"dryRun\": true}");
    }

    @ParameterizedTest(name = "[{index}] {0}, body {1}")
    @CsvSource({"apigw-v2-post-run.json, not base64!", "apigw-v2-post-run.json, eyJtb2RlIjo=x",
            "apigw-v2-post-run.json, %%%%", "apigw-v1-post-run.json, not base64!", "apigw-v1-post-run.json, {}"})
    void refusesABody_markedBase64_thatIsNotBase64_asAnUnreadableBody(String fixture, String body) {
        // Arrange
        ObjectNode event = fixture(fixture);
        event.put("body", body);
        event.put("isBase64Encoded", true);

        // Act / Assert: an API request all the same, which the API function answers 400 (ApiHandlerTest)
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessage("body is marked base64 but is not valid base64");
    }

    @Test
    void refusesABody_thatIsNotText_asAnUnreadableBody() {
        // Arrange: API Gateway sends the body as a string; an object here is a hand-made event
        ObjectNode event = fixture("apigw-v1-post-run.json");
        event.set("body", json("{\"mode\": \"backfill\"}"));

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageContaining("body must be the request as text");
    }

    @Test
    void refusesARequestContext_thatIsNeitherRestNorHttpApi() {
        // Arrange
        JsonNode event = json("{\"requestContext\": {\"requestId\": \"abc\"}, \"body\": \"{}\"}");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("a requestContext without an API Gateway v1 or v2 request");
    }

    // --- direct run requests --------------------------------------------------------------------

    @Test
    void takesAnyOtherObject_asADirectRunRequest() {
        // Arrange
        JsonNode event = fixture("direct-run.json");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Direct(event));
    }

    @Test
    void takesAnEmptyObject_asADirectRunRequest() {
        // Arrange
        JsonNode event = json("{}");

        // Act
        IncomingEvent shape = EventShapes.recognise(event);

        // Assert
        assertThat(shape).isEqualTo(new IncomingEvent.Direct(event));
    }

    @Test
    void takesANullEvent_asADefaultDirectRun() {
        assertThat(EventShapes.recognise(null)).isEqualTo(new IncomingEvent.Direct(null));
        assertThat(EventShapes.recognise(NullNode.getInstance())).isEqualTo(new IncomingEvent.Direct(null));
        assertThat(EventShapes.recognise(MissingNode.getInstance())).isEqualTo(new IncomingEvent.Direct(null));
    }

    // --- refused shapes -------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"s3-put.json", "sqs-message.json"})
    void refusesARecordsBatch_fromTheFixtures(String fixture) {
        // Arrange
        JsonNode event = fixture(fixture);

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("a 'Records' batch, as S3, SQS, SNS or DynamoDB send");
    }

    @Test
    void refusesAnSnsNotification() {
        // Arrange
        JsonNode event = json("""
                {"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0",
                  "Sns": {"Type": "Notification", "Message": "{\\"mode\\": \\"incremental\\"}"}}]}""");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("'Records' batch");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"apigw-authorizer-request-v1.json, REQUEST", "apigw-authorizer-request-v2.json, REQUEST",
            "apigw-authorizer-token.json, TOKEN"})
    void refusesAnApiGatewayAuthorizerRequest_thoughItCarriesAProxyRequestsFields(String fixture, String type) {
        // Arrange
        JsonNode event = fixture(fixture);

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("unsupported event (an API Gateway authorizer request (type '" + type + "')");
    }

    @Test
    void refusesALoadBalancerRequest() {
        // Arrange
        JsonNode event = fixture("alb-post-run.json");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("an Application Load Balancer request");
    }

    @Test
    void refusesACloudWatchLogsSubscription() {
        // Arrange
        JsonNode event = json("{\"awslogs\": {\"data\": \"H4sIAAAAAAAAAHWPwQqCQBCGX2Xp\"}}");

        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(event))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("a CloudWatch Logs subscription");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[{\"mode\": \"incremental\"}]", "\"run\"", "42", "true"})
    void refusesJsonThatIsNotAnObject_namingTheAcceptedShapes(String event) {
        // Act / Assert
        assertThatThrownBy(() -> EventShapes.recognise(json(event)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("unsupported event (not a JSON object)")
                .hasMessageContaining("EventBridge scheduled event")
                .hasMessageContaining("API Gateway REST (v1) and HTTP API (v2) proxy events")
                .hasMessageContaining("the run state machine's task")
                .hasMessageContaining("a run request JSON");
    }
}
