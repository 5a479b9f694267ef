package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Quarterly statements of one company, simulated forward from {@link #ANCHOR_QUARTER} as a small
 * double-entry model, so the three statements tie out exactly (all amounts are whole dollars):
 *
 * <ul>
 *   <li>grossProfit = revenue - costOfRevenue; operatingIncome = grossProfit - operatingExpenses;
 *       ebitda = operatingIncome + depreciationAndAmortization; incomeBeforeTax = operatingIncome +
 *       totalOtherIncomeExpensesNet; netIncome = incomeBeforeTax - incomeTaxExpense;
 *       eps = netIncome / weightedAverageShsOut rounded to cents (as FMP prints it). Share counts
 *       are as at the period end, before any later split ({@link SplitSchedule}).</li>
 *   <li>cash flow: netIncome and depreciationAndAmortization equal the income statement's;
 *       freeCashFlow = operatingCashFlow + capitalExpenditure (capex negative);
 *       cashAtEndOfPeriod = cashAtBeginningOfPeriod + netChangeInCash = balance-sheet cash.</li>
 *   <li>balance sheet: every change is booked on both sides, so totalAssets = totalLiabilities +
 *       totalStockholdersEquity + minorityInterest holds every quarter; totalDebt = shortTermDebt +
 *       longTermDebt; netDebt = totalDebt - cashAndCashEquivalents.</li>
 * </ul>
 *
 * <p>Starting from a fixed anchor (not from asOf) keeps every past quarter unchanged when asOf moves.
 */
final class StatementSeries {

    static final LocalDate ANCHOR_QUARTER = LocalDate.of(2014, 3, 31);
    private static final String CURRENCY = "USD";

    private final List<QuarterlyReport> oldestFirst;

    StatementSeries(CompanyTraits traits, LocalDate horizon, SplitSchedule splits) {
        this.oldestFirst = simulate(traits, horizon, splits);
    }

    /** Quarters filed on or before {@code asOf}, newest first, at most {@code max}. */
    List<QuarterlyReport> filedNewestFirst(LocalDate asOf, int max) {
        List<QuarterlyReport> out = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0 && out.size() < max; i--) {
            QuarterlyReport r = oldestFirst.get(i);
            if (!r.quarter().filingDate().isAfter(asOf)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The balance-sheet items that persist from one quarter to the next. */
    private static final class Books {
        long cash, shortTermInvestments, receivables, inventory, otherCurrentAssets, ppe, goodwill,
                intangibles, longTermInvestments, otherNonCurrentAssets;
        long payables, shortTermDebt, deferredRevenue, otherCurrentLiabilities, longTermDebt,
                otherNonCurrentLiabilities;
        long commonStock, retainedEarnings, aoci, minorityInterest;

        long totalAssets() {
            return cash + shortTermInvestments + receivables + inventory + otherCurrentAssets + ppe + goodwill
                    + intangibles + longTermInvestments + otherNonCurrentAssets;
        }

        long totalLiabilities() {
            return payables + shortTermDebt + deferredRevenue + otherCurrentLiabilities + longTermDebt
                    + otherNonCurrentLiabilities;
        }
    }

    private static List<QuarterlyReport> simulate(CompanyTraits t, LocalDate horizon, SplitSchedule splits) {
        long s = t.seed();
        double rev0 = t.startPrice() * t.startShares() / t.startPriceToSales() / 4.0;
        double arRatio = StableHash.between(s, 60, 0, 0.2, 0.6);
        double invRatio = StableHash.between(s, 61, 0, 0.0, 0.6);
        double apRatio = StableHash.between(s, 62, 0, 0.2, 0.8);
        double cogs0 = rev0 * (1 - t.grossMargin());

        Books b = new Books();
        b.cash = Math.round(rev0 * StableHash.between(s, 63, 0, 0.3, 1.5));
        b.shortTermInvestments = Math.round(rev0 * StableHash.between(s, 64, 0, 0.0, 0.8));
        b.receivables = Math.round(rev0 * arRatio);
        b.inventory = Math.round(cogs0 * invRatio);
        b.otherCurrentAssets = Math.round(rev0 * StableHash.between(s, 65, 0, 0.05, 0.2));
        b.ppe = Math.round(rev0 * StableHash.between(s, 66, 0, 0.5, 3.0));
        b.goodwill = Math.round(rev0 * StableHash.between(s, 67, 0, 0.0, 1.5));
        b.intangibles = Math.round(rev0 * StableHash.between(s, 68, 0, 0.0, 0.5));
        b.longTermInvestments = Math.round(rev0 * StableHash.between(s, 69, 0, 0.0, 1.0));
        b.otherNonCurrentAssets = Math.round(rev0 * StableHash.between(s, 70, 0, 0.05, 0.5));
        b.payables = Math.round(cogs0 * apRatio);
        b.shortTermDebt = Math.round(rev0 * StableHash.between(s, 71, 0, 0.0, 0.2));
        b.deferredRevenue = Math.round(rev0 * StableHash.between(s, 72, 0, 0.0, 0.15));
        b.otherCurrentLiabilities = Math.round(rev0 * StableHash.between(s, 73, 0, 0.1, 0.4));
        b.longTermDebt = Math.round(rev0 * StableHash.between(s, 74, 0, 0.2, 2.0));
        b.otherNonCurrentLiabilities = Math.round(rev0 * StableHash.between(s, 75, 0, 0.05, 0.5));
        b.commonStock = Math.round(rev0 * StableHash.between(s, 76, 0, 0.3, 1.5));
        b.aoci = -Math.round(rev0 * StableHash.between(s, 77, 0, 0.0, 0.05));
        b.minorityInterest = t.minorityInterest();
        // Retained earnings is the plug that makes the opening books balance; every later change is
        // booked on both sides, so they stay balanced.
        b.retainedEarnings = b.totalAssets() - b.totalLiabilities() - b.commonStock - b.aoci - b.minorityInterest;

        List<QuarterlyReport> out = new ArrayList<>();
        int q = 0;
        for (LocalDate end = ANCHOR_QUARTER; !end.isAfter(horizon); end = FiscalQuarter.nextQuarterEnd(end), q++) {
            out.add(nextQuarter(t, b, FiscalQuarter.of(t, end), q, rev0, arRatio, invRatio, apRatio, splits));
        }
        return out;
    }

    private static QuarterlyReport nextQuarter(CompanyTraits t, Books b, FiscalQuarter fq, int q, double rev0,
            double arRatio, double invRatio, double apRatio, SplitSchedule splits) {
        long s = t.seed();
        long k = fq.periodEnd().toEpochDay();

        // Income statement
        long revenue = Math.round(Math.max(0.2, Math.pow(1 + t.quarterlyGrowth(), q)
                * (1 + 0.04 * StableHash.gaussian(s, k, 50))) * rev0);
        double margin = Math.min(0.95, Math.max(0.05, t.grossMargin() + 0.02 * StableHash.gaussian(s, k, 51)));
        long costOfRevenue = Math.round(revenue * (1 - margin));
        long grossProfit = revenue - costOfRevenue;
        long research = Math.round(revenue * t.researchShare() * (1 + 0.05 * StableHash.gaussian(s, k, 52)));
        long sga = Math.round(revenue * t.sgaShare() * (1 + 0.05 * StableHash.gaussian(s, k, 53)));
        long operatingExpenses = research + sga;
        long operatingIncome = grossProfit - operatingExpenses;
        long capex = Math.round(revenue * t.capexShare() * (1 + 0.1 * Math.abs(StableHash.gaussian(s, k, 54))));
        long depreciation = Math.min(Math.round(revenue * t.depreciationShare()), b.ppe + capex);
        long interestIncome = Math.round(Math.max(0, b.cash) * 0.008);
        long interestExpense = Math.round((b.shortTermDebt + b.longTermDebt) * 0.012);
        long otherNonOperating = Math.round(revenue * 0.004 * StableHash.gaussian(s, k, 55));
        long totalOther = interestIncome - interestExpense + otherNonOperating;
        long incomeBeforeTax = operatingIncome + totalOther;
        long tax = Math.round(incomeBeforeTax * t.taxRate());
        long netIncome = incomeBeforeTax - tax;
        long shares = Math.round(t.startShares() * Math.pow(1 + t.quarterlyShareDrift(), q));
        long sharesDiluted = Math.round(shares * (1 + t.dilution()));
        // Reported as at the period end: the splits after it are not in these counts yet.
        double laterSplits = splits.factorAfter(fq.periodEnd());
        long reportedShares = Math.round(shares / laterSplits);
        long reportedDiluted = Math.round(sharesDiluted / laterSplits);

        // Cash flow
        long stockComp = Math.round(revenue * t.stockCompShare());
        long newReceivables = Math.round(revenue * arRatio);
        long newInventory = Math.round(costOfRevenue * invRatio);
        long newPayables = Math.round(costOfRevenue * apRatio);
        long cfReceivables = -(newReceivables - b.receivables);
        long cfInventory = -(newInventory - b.inventory);
        long cfPayables = newPayables - b.payables;
        long workingCapital = cfReceivables + cfInventory + cfPayables;
        long operatingCashFlow = netIncome + depreciation + stockComp + workingCapital;

        long purchases = Math.round(revenue * StableHash.between(s, k, 56, 0.0, 0.1));
        long sales = Math.min(Math.round(revenue * StableHash.between(s, k, 57, 0.0, 0.1)),
                b.shortTermInvestments + purchases);
        long investingCashFlow = -capex - purchases + sales;

        long longTermIssue = Math.max(-b.longTermDebt, Math.round(b.longTermDebt * 0.03 * StableHash.gaussian(s, k, 58)));
        long shortTermIssue = Math.max(-b.shortTermDebt, Math.round(b.shortTermDebt * 0.05 * StableHash.gaussian(s, k, 59)));
        long dividends = Math.round(Math.max(0, netIncome) * t.dividendPayout());
        long minimumCash = Math.round(revenue * 0.25);
        long cashBeforeBuyback = b.cash + operatingCashFlow + investingCashFlow + longTermIssue + shortTermIssue
                - dividends;
        if (cashBeforeBuyback < minimumCash) {
            // Borrow what is missing instead of letting cash go negative.
            longTermIssue += minimumCash - cashBeforeBuyback;
            cashBeforeBuyback = minimumCash;
        }
        long freeCashFlow = operatingCashFlow - capex;
        long buyback = Math.max(0, Math.min(Math.round(Math.max(0, freeCashFlow) * StableHash.between(s, k, 60, 0, 0.6)),
                cashBeforeBuyback - minimumCash));
        long debtIssuance = longTermIssue + shortTermIssue;
        long financingCashFlow = debtIssuance - buyback - dividends;
        long netChangeInCash = operatingCashFlow + investingCashFlow + financingCashFlow;
        long cashBegin = b.cash;

        // Book the quarter
        b.cash += netChangeInCash;
        b.shortTermInvestments += purchases - sales;
        b.receivables = newReceivables;
        b.inventory = newInventory;
        b.payables = newPayables;
        b.ppe += capex - depreciation;
        b.shortTermDebt += shortTermIssue;
        b.longTermDebt += longTermIssue;
        b.commonStock += stockComp;
        b.retainedEarnings += netIncome - dividends - buyback;

        String date = fq.periodEnd().toString();
        String filing = fq.filingDate().toString();
        IncomeStatement income = new IncomeStatement(date, t.symbol(), CURRENCY, t.cik(), filing, fq.acceptedDate(),
                fq.fiscalYear(), fq.period(), revenue, costOfRevenue, grossProfit, research, 0, 0, sga, 0,
                operatingExpenses, costOfRevenue + operatingExpenses, interestIncome - interestExpense, interestIncome,
                interestExpense, depreciation, operatingIncome + depreciation, operatingIncome, otherNonOperating,
                operatingIncome, totalOther, incomeBeforeTax, tax, netIncome, 0, 0, netIncome, 0, netIncome,
                Money.cents((double) netIncome / reportedShares), Money.cents((double) netIncome / reportedDiluted),
                reportedShares, reportedDiluted);

        long currentAssets = b.cash + b.shortTermInvestments + b.receivables + b.inventory + b.otherCurrentAssets;
        long nonCurrentAssets = b.ppe + b.goodwill + b.intangibles + b.longTermInvestments + b.otherNonCurrentAssets;
        long currentLiabilities = b.payables + b.shortTermDebt + b.deferredRevenue + b.otherCurrentLiabilities;
        long nonCurrentLiabilities = b.longTermDebt + b.otherNonCurrentLiabilities;
        long liabilities = currentLiabilities + nonCurrentLiabilities;
        long stockholdersEquity = b.commonStock + b.retainedEarnings + b.aoci;
        long totalEquity = stockholdersEquity + b.minorityInterest;
        long totalDebt = b.shortTermDebt + b.longTermDebt;
        BalanceSheetStatement balance = new BalanceSheetStatement(date, t.symbol(), CURRENCY, t.cik(), filing,
                fq.acceptedDate(), fq.fiscalYear(), fq.period(), b.cash, b.shortTermInvestments,
                b.cash + b.shortTermInvestments, b.receivables, b.receivables, 0, b.inventory, 0, b.otherCurrentAssets,
                currentAssets, b.ppe, b.goodwill, b.intangibles, b.goodwill + b.intangibles, b.longTermInvestments, 0,
                b.otherNonCurrentAssets, nonCurrentAssets, 0, currentAssets + nonCurrentAssets, b.payables, b.payables,
                0, 0, b.shortTermDebt, 0, 0, b.deferredRevenue, b.otherCurrentLiabilities, currentLiabilities,
                b.longTermDebt, 0, 0, 0, b.otherNonCurrentLiabilities, nonCurrentLiabilities, 0, 0, liabilities, 0, 0,
                b.commonStock, b.retainedEarnings, 0, b.aoci, 0, stockholdersEquity, totalEquity, b.minorityInterest,
                liabilities + totalEquity, b.shortTermInvestments + b.longTermInvestments, totalDebt,
                totalDebt - b.cash);

        CashFlowStatement cashFlow = new CashFlowStatement(date, t.symbol(), CURRENCY, t.cik(), filing,
                fq.acceptedDate(), fq.fiscalYear(), fq.period(), netIncome, depreciation, 0, stockComp, workingCapital,
                cfReceivables, cfInventory, cfPayables, 0, 0, operatingCashFlow, -capex, 0, -purchases, sales, 0,
                investingCashFlow, debtIssuance, longTermIssue, shortTermIssue, -buyback, -buyback, 0, -buyback, 0,
                -dividends, -dividends, 0, 0, financingCashFlow, 0, netChangeInCash, b.cash, cashBegin,
                operatingCashFlow, -capex, freeCashFlow, Math.max(0, tax), interestExpense);

        return new QuarterlyReport(fq, income, balance, cashFlow);
    }
}
