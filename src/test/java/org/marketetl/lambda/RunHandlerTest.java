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

/**
 * Each event shape the run function accepts, posted to the mock Lambda event server, runs and answers
 * the report; API Gateway events are the API function's ({@link ApiHandlerTest}).
 */
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
                .body("errorMessage", containsString("the run state machine's task"));
    }

    @Test
    void stateMachineTask_runsTheRunNamedByTheExecution_andAnswersTheReport() {
        Lambda.invoke("{\"runId\":\"sm-task-1\",\"trigger\":\"api\",\"request\":{\"symbols\":[\"KO\"],"
                + "\"steps\":[\"company\"]}}").then()
                .statusCode(200)
                .body("runId", is("sm-task-1"))
                .body("trigger", is("api"))
                .body("status", is("SUCCEEDED"))
                .body("workLeft", is(false))
                .body("invocations.outcome", equalTo(List.of("finished")));
    }

    @Test
    void stateMachineTaskWhoseRequestNamesAnotherRunId_isRefused() {
        Lambda.invoke("{\"runId\":\"sm-task-2\",\"trigger\":\"api\",\"request\":{\"runId\":\"other\"}}").then()
                .statusCode(500)
                .body("errorType", is("org.marketetl.run.InvalidRunRequestException"))
                .body("errorMessage", containsString("is not the run's id 'sm-task-2'"));
    }

    @Test
    void apiGatewayEvent_isRefused_namingTheApiFunction() {
        Lambda.invoke(Events.read("apigw-v1-post-run.json")).then()
                .statusCode(500)
                .body("errorMessage", containsString("the API function (handler 'api')"));
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

}
