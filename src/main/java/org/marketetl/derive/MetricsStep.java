package org.marketetl.derive;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.Warehouse;

/**
 * Market metrics per symbol and trading day (MARKET_METRICS) from DAILY_PRICE, DIVIDEND, SPLIT and
 * FINANCIALS_TTM_VERSION, point in time (each day uses the TTM version known on it): one set-based
 * MERGE the warehouse runs, no rows pulled into Java. The definitions and the incremental rule are
 * documented at the top of {@code metrics.sql}.
 */
@ApplicationScoped
public class MetricsStep implements StepTask {

    private static final Derivation SQL = Derivation.load(MetricsStep.class, "metrics.sql");

    private final Warehouse warehouse;

    public MetricsStep(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Step step() {
        return Step.METRICS;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        return SQL.run(warehouse, context);
    }
}
