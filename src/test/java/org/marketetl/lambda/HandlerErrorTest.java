package org.marketetl.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.TtmStep;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.run.StepOutcome;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * An {@code Error} from inside the handler fails the invocation at once, with the reason, and the
 * next invocation is answered too. This test runs Quarkus' own Lambda poll loop (the mock event
 * server's), the loop a native executable runs: it catches exceptions only, so an Error escaping
 * the handler would end its thread and leave the invocation waiting until the function's timeout.
 * The step here throws what a native image missing a registration throws.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class HandlerErrorTest {

    /** Far shorter than the ten minutes other tests wait: an answer comes at once, or never. */
    private static final RestAssuredConfig IMPATIENT = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000));

    @Test
    void errorInAStep_failsTheInvocationAtOnceWithTheReason_andTheNextIsAnswered() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            // Act
            Response answer = invoke("{\"runId\":\"handler-error-" + attempt + "\",\"steps\":[\"ttm\"]}");

            // Assert
            assertThat(answer.statusCode()).as("attempt %d: %s", attempt, answer.asString()).isEqualTo(500);
            assertThat(answer.jsonPath().getString("errorType")).isEqualTo(InternalFailureException.class.getName());
            assertThat(answer.jsonPath().getString("errorMessage")).contains("NoClassDefFoundError")
                    .contains("SnowflakeConnectionImpl");
        }
    }

    private static Response invoke(String event) {
        String api = ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
        return given().config(IMPATIENT).baseUri("http://" + api).contentType("application/json").body(event)
                .when().post("/_lambda_");
    }

    /** The TTM step throws what a class whose initialisation failed in a native image throws. */
    @BeforeEach
    void breakTheTtmStep() {
        QuarkusMock.installMockForType(new TtmStep(null) {
            @Override
            public StepOutcome run(RunContext context, ApiCallCounter calls) {
                throw new NoClassDefFoundError(
                        "Could not initialize class net.snowflake.client.jdbc.SnowflakeConnectionImpl");
            }
        }, TtmStep.class);
    }
}
