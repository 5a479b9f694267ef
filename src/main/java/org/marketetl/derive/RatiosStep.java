package org.marketetl.derive;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.Warehouse;

/**
 * Financial ratios per symbol and fiscal quarter (FINANCIAL_RATIOS) from FINANCIALS_TTM:
 * one set-based MERGE the warehouse runs, no rows pulled into Java. The definitions and the
 * incremental rule are documented at the top of {@code ratios.sql}.
 */
@ApplicationScoped
public class RatiosStep implements StepTask {

    private static final Derivation SQL = Derivation.load(RatiosStep.class, "ratios.sql", "ratios-versions.sql");

    private final Warehouse warehouse;

    public RatiosStep(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Step step() {
        return Step.RATIOS;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        return SQL.run(warehouse, context);
    }
}
