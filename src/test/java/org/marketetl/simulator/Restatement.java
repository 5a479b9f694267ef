package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A quarter whose income statement FMP has rewritten, as it does when a company restates: net
 * income (and so EPS) changed by {@code netIncomeChange}, the filing date kept (FMP updates its
 * figures in place). Served from the moment it is set ({@link FmpSimulator#setRestatements}); the
 * other statements of the quarter are left as filed.
 */
public record Restatement(String symbol, LocalDate periodEnd, long netIncomeChange) {

    public Restatement {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(periodEnd, "periodEnd");
    }

    /** {@code report} as served with {@code restatements} in force. */
    static QuarterlyReport apply(List<Restatement> restatements, QuarterlyReport report) {
        for (Restatement r : restatements) {
            if (r.symbol().equals(report.income().symbol()) && r.periodEnd().equals(report.quarter().periodEnd())) {
                return new QuarterlyReport(report.quarter(), r.restate(report.income()), report.balance(),
                        report.cashFlow());
            }
        }
        return report;
    }

    private IncomeStatement restate(IncomeStatement i) {
        long netIncome = i.netIncome() + netIncomeChange;
        return new IncomeStatement(i.date(), i.symbol(), i.reportedCurrency(), i.cik(), i.filingDate(),
                i.acceptedDate(), i.fiscalYear(), i.period(), i.revenue(), i.costOfRevenue(), i.grossProfit(),
                i.researchAndDevelopmentExpenses(), i.generalAndAdministrativeExpenses(),
                i.sellingAndMarketingExpenses(), i.sellingGeneralAndAdministrativeExpenses(), i.otherExpenses(),
                i.operatingExpenses(), i.costAndExpenses(), i.netInterestIncome(), i.interestIncome(),
                i.interestExpense(), i.depreciationAndAmortization(), i.ebitda(), i.ebit(),
                i.nonOperatingIncomeExcludingInterest(), i.operatingIncome(), i.totalOtherIncomeExpensesNet(),
                i.incomeBeforeTax(), i.incomeTaxExpense(), netIncome, i.netIncomeFromDiscontinuedOperations(),
                i.otherAdjustmentsToNetIncome(), netIncome, i.netIncomeDeductions(), netIncome,
                Money.cents((double) netIncome / i.weightedAverageShsOut()),
                Money.cents((double) netIncome / i.weightedAverageShsOutDil()), i.weightedAverageShsOut(),
                i.weightedAverageShsOutDil());
    }
}
