package org.marketetl.simulator;

/** The three statements of one fiscal quarter, generated together so they agree with each other. */
public record QuarterlyReport(FiscalQuarter quarter, IncomeStatement income, BalanceSheetStatement balance,
        CashFlowStatement cashFlow) {
}
