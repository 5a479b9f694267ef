package org.marketetl.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs slow enough to watch (the tests slow the simulator too): two requests in flight at most,
 * and the run's progress recorded in the ledger every 300 ms (at each lock renewal).
 */
public class WatchedRunProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("market-etl.market-data.max-concurrency", "2",
                "market-etl.run.lock.renew-every", "PT0.3S");
    }
}
