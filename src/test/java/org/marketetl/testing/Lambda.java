package org.marketetl.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.config.HttpClientConfig;
import io.restassured.parsing.Parser;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Invokes the function through Quarkus' mock Lambda event server, the way the Lambda service
 * hands an event to the runtime: the event is the POST body, the function's answer (or its
 * error) is the response.
 */
public final class Lambda {

    /**
     * A whole run may take minutes on fakesnow (it inserts batched rows one by one), longer than
     * the 30 s read timeout Quarkus gives REST Assured.
     */
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", (int) Duration.ofMinutes(10).toMillis()));

    private Lambda() {
    }

    /** Posts {@code event} (JSON text) and answers the raw response. */
    public static Response invoke(String event) {
        // host:port of the mock event server, which the test profile starts on a free port.
        String api = ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
        // The function answers through the runtime's response stream (it is a RequestStreamHandler),
        // which Quarkus posts without a Content-Type, so the mock server's answer has HTTP's form
        // default: it is JSON all the same.
        return given().config(PATIENT).baseUri("http://" + api).contentType("application/json").accept("application/json").body(event)
                .expect().parser("application/x-www-form-urlencoded", Parser.JSON)
                .when().post("/_lambda_");
    }
}
