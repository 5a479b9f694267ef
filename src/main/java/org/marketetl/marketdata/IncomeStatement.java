package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One quarter of FMP {@code /stable/income-statement?period=quarter}. {@code date} is the period
 * end, {@code fiscalYear} a string such as "2025", {@code period} "Q1".."Q4", {@code acceptedDate}
 * when the SEC accepted the filing, as FMP writes it ("2025-05-02 06:01:36").
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncomeStatement(
        LocalDate date,
        String symbol,
        String reportedCurrency,
        LocalDate filingDate,
        String acceptedDate,
        String fiscalYear,
        String period,
        BigDecimal revenue,
        BigDecimal costOfRevenue,
        BigDecimal grossProfit,
        BigDecimal operatingExpenses,
        BigDecimal operatingIncome,
        BigDecimal interestExpense,
        BigDecimal depreciationAndAmortization,
        BigDecimal ebitda,
        BigDecimal incomeBeforeTax,
        BigDecimal incomeTaxExpense,
        BigDecimal netIncome,
        BigDecimal eps,
        BigDecimal epsDiluted,
        Long weightedAverageShsOut,
        Long weightedAverageShsOutDil) {
}
