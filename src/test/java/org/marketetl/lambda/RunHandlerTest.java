package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.Events;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.testing.WarehouseProbe;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each accepted event shape, posted to the mock Lambda event server, runs and answers in its caller's shape. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RunHandlerTest {

    @Test
    void directRunRequest_loadsTheNamedSymbols_andAnswersTheReport() {
        Lambda.invoke(Events.read("direct-run.json")).then()
                .statusCode(200)
                .body("status", is("SUCCEEDED"))
                .body("trigger", is("direct"))
                .body("mode", is("backfill"))
                .body("symbols", is(2))
                .body("steps.step", equalTo(List.of("company", "price", "financial")))
                .body("steps.status", equalTo(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED")));

        WarehouseProbe warehouse = WarehouseProbe.current();
        assertThat(warehouse.count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL IN ('JPM', 'XOM')")).isEqualTo(2);
        // Five years of weekdays, less holidays: well over 1,200 trading days.
        assertThat(warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE SYMBOL = 'JPM'")).isGreaterThan(1200);
        assertThat(warehouse.count("SELECT COUNT(*) FROM INCOME_STATEMENT WHERE SYMBOL = 'XOM'")).isGreaterThanOrEqualTo(20);
        assertThat(warehouse.count("SELECT COUNT(*) FROM BALANCE_SHEET WHERE SYMBOL = 'XOM'")).isGreaterThanOrEqualTo(20);
        assertThat(warehouse.count("SELECT COUNT(*) FROM CASH_FLOW WHERE SYMBOL = 'XOM'")).isGreaterThanOrEqualTo(20);
    }

    @Test
    void scheduledEvent_runsAnIncrementalRunOfTheUniverse() {
        Lambda.invoke(Events.read("eventbridge-scheduled.json")).then()
                .statusCode(200)
                .body("trigger", is("schedule"))
                .body("mode", is("incremental"))
                .body("symbols", is(5))
                .body("steps.find { it.step == 'price' }.status", is("SUCCEEDED"));

        assertThat(WarehouseProbe.current().count(
                "SELECT COUNT(*) FROM COMPANY WHERE SYMBOL IN ('AAPL', 'MSFT', 'JPM', 'XOM', 'KO')")).isEqualTo(5);
    }

    @Test
    void restApiPost_answersAProxyResponse_andTheReportCanBeReadBackByRunId() {
        String body = Lambda.invoke(Events.read("apigw-v1-post-run.json")).then()
                .statusCode(200)
                .body("statusCode", is(200))
                .body("headers.Content-Type", is("application/json"))
                .extract().path("body");
        JsonPath report = new JsonPath(body);
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getString("trigger")).isEqualTo("api");
        String runId = report.getString("runId");

        String readBack = Lambda.invoke(apiV1("GET", "/runs/" + runId, null)).then()
                .statusCode(200)
                .body("statusCode", is(200))
                .extract().path("body");
        assertThat(new JsonPath(readBack).getString("runId")).isEqualTo(runId);
        assertThat(new JsonPath(readBack).getList("steps.rowsLoaded", Long.class))
                .isEqualTo(report.getList("steps.rowsLoaded", Long.class));
    }

    @Test
    void httpApiPost_decodesItsBase64Body_andRuns() {
        String body = Lambda.invoke(Events.read("apigw-v2-post-run.json")).then()
                .statusCode(200)
                .body("statusCode", is(200))
                .extract().path("body");
        JsonPath report = new JsonPath(body);
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(report.getInt("symbols")).isEqualTo(1);
        assertThat(WarehouseProbe.current().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL = 'NVDA'"))
                .isEqualTo(1);
    }

    @Test
    void apiRequestWithAnUnknownMode_answers400_andWritesNothing() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        long runsBefore = warehouse.count("SELECT COUNT(*) FROM RUN_LEDGER");

        String body = Lambda.invoke(apiV1("POST", "/runs", "{\"mode\":\"sideways\"}")).then()
                .statusCode(200)
                .body("statusCode", is(400))
                .extract().path("body");

        assertThat(new JsonPath(body).getString("error")).contains("unknown mode 'sideways'")
                .contains("incremental, backfill, full-refresh");
        assertThat(warehouse.count("SELECT COUNT(*) FROM RUN_LEDGER")).isEqualTo(runsBefore);
    }

    @Test
    void apiRequestWithABodyThatIsNotJson_answers400() {
        String body = Lambda.invoke(apiV1("POST", "/runs", "mode=backfill")).then()
                .statusCode(200)
                .body("statusCode", is(400))
                .extract().path("body");
        assertThat(new JsonPath(body).getString("error")).startsWith("body is not valid JSON");
    }

    @Test
    void readingAnUnknownRun_answers404() {
        Lambda.invoke(apiV1("GET", "/runs/no-such-run", null)).then()
                .statusCode(200)
                .body("statusCode", is(404))
                .body("body", containsString("no run with id 'no-such-run'"));
    }

    @Test
    void directRequestWithAnUnknownField_failsTheInvocationWithTheReason() {
        Lambda.invoke("{\"smybols\":[\"AAPL\"]}").then()
                .statusCode(500)
                .body("errorType", containsString("InvalidRunRequestException"))
                .body("errorMessage", containsString("unknown field 'smybols'"));
    }

    @Test
    void s3Notification_isRefusedNamingTheShapesAccepted() {
        Lambda.invoke(Events.read("s3-put.json")).then()
                .statusCode(500)
                .body("errorMessage", containsString("unsupported event"))
                .body("errorMessage", containsString("EventBridge scheduled event"))
                .body("errorMessage", containsString("API Gateway REST (v1) or HTTP API (v2)"));
    }

    @Test
    void sqsMessage_isRefusedToo() {
        Lambda.invoke(Events.read("sqs-message.json")).then()
                .statusCode(500)
                .body("errorMessage", containsString("'Records' batch"));
    }

    @Test
    void emptyObject_isAValidDefaultRun() {
        Lambda.invoke("{\"dryRun\":true}").then().statusCode(200).body("dryRun", is(true));
        Lambda.invoke("{}").then()
                .statusCode(200)
                .body("mode", is("incremental"))
                .body("symbols", is(5))
                .body("status", is("SUCCEEDED"))
                .body("steps.step", equalTo(List.of("company", "price", "financial", "ttm", "ratios", "metrics")));
    }

    private static String apiV1(String method, String path, String body) {
        String bodyJson = body == null ? "null" : "\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return """
                {"resource": "%s", "path": "%s", "httpMethod": "%s", "headers": {"Content-Type": "application/json"},
                 "pathParameters": null,
                 "requestContext": {"resourcePath": "%s", "httpMethod": "%s", "stage": "prod", "requestId": "r-1"},
                 "body": %s, "isBase64Encoded": false}
                """.formatted(path, path, method, path, method, bodyJson);
    }
}
