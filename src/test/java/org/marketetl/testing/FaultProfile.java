package org.marketetl.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Fast faults: the market-data client gives up on an answer after 400 ms instead of 30 s and
 * retries after 20 ms (backoff up to 200 ms) instead of 500 ms (up to 8 s), with the annotations'
 * config keys; a run waits one second for the run lock instead of thirty. The application's own
 * DEBUG lines are on, so the secret scan sees them too. Test classes sharing this profile share
 * one application start.
 */
public class FaultProfile implements QuarkusTestProfile {

    private static final String CLIENT = "org.marketetl.marketdata.MarketDataClient";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                CLIENT + "/Timeout/value", "400",
                CLIENT + "/Timeout/unit", "MILLIS",
                CLIENT + "/Retry/delay", "20",
                CLIENT + "/Retry/jitter", "10",
                CLIENT + "/ExponentialBackoff/maxDelay", "200",
                CLIENT + "/ExponentialBackoff/maxDelayUnit", "MILLIS",
                "market-etl.run.lock.wait-for", "PT1S",
                "quarkus.log.category.\"org.marketetl\".level", "DEBUG");
    }
}
