package org.marketetl.load;

import java.time.Instant;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.FmpPlan;
import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.PlanRefusedException;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.logging.Log;

/**
 * Whether a bulk endpoint may be tried: the configured plan must have bulk endpoints, and the API
 * must not have refused this one under this plan before. A 402 is remembered in PLAN_REFUSAL (per
 * plan and endpoint), so later runs fetch per symbol at once instead of asking again; configuring
 * another plan tries again. Reading and recording are bookkeeping statements (not in a run's
 * statement count), and neither may fail a run: without the memory a run asks once more.
 */
@ApplicationScoped
public class BulkAccess {

    private static final String READ = SqlResource.load(BulkAccess.class, "plan-refusals.sql");
    private static final String RECORD = SqlResource.load(BulkAccess.class, "plan-refusal-record.sql");
    private static final int MAX_MESSAGE = 500;

    private final Warehouse warehouse;
    private final MarketDataConfig config;

    public BulkAccess(Warehouse warehouse, MarketDataConfig config) {
        this.warehouse = warehouse;
        this.config = config;
    }

    /** Why {@code endpoint} cannot be used now; empty when it may be tried. */
    Optional<String> unavailable(String endpoint) {
        FmpPlan plan = config.plan();
        if (!plan.bulk()) {
            return Optional.of("plan " + plan.id() + " has no bulk endpoints");
        }
        return unavailableByRefusal(endpoint);
    }

    /** Why {@code endpoint} cannot be used: a refusal remembered for the configured plan (any plan may have it). */
    Optional<String> unavailableByRefusal(String endpoint) {
        Refusal refusal = refusals().get(endpoint);
        return refusal == null ? Optional.empty()
                : Optional.of(endpoint + " was refused (402) under plan " + config.plan().id() + " on " + refusal.at()
                        + "; set market-etl.market-data.plan to another plan to try it again");
    }

    /** Remembers that the API refused {@code refusal.endpoint()} under the configured plan. */
    void refused(PlanRefusedException refusal) {
        String message = refusal.getMessage();
        String stored = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        String plan = config.plan().id();
        try {
            warehouse.bookkeeping(session -> session.update(RECORD, plan, refusal.endpoint(), Instant.now(), stored, plan,
                    refusal.endpoint()));
            Log.warnf("%s; fetching per symbol, and not asking again under plan %s", message, plan);
        } catch (RuntimeException e) {
            Log.warnf("could not remember that %s was refused: %s", refusal.endpoint(), e.getMessage());
        }
    }

    private Map<String, Refusal> refusals() {
        Map<String, Refusal> refused = new HashMap<>();
        try {
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            warehouse.bookkeeping(session -> session.query(READ, row -> new Refusal(row.getString(1),
                    row.getTimestamp(2, utc).toInstant()), config.plan().id()))
                    .forEach(refusal -> refused.put(refusal.endpoint(), refusal));
        } catch (RuntimeException e) {
            Log.warnf("could not read the endpoints the plan refused before: %s", e.getMessage());
        }
        return refused;
    }

    private record Refusal(String endpoint, Instant at) {
    }
}
