package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One quarter of FMP {@code /stable/cash-flow-statement?period=quarter}. FMP reports
 * {@code capitalExpenditure} and {@code dividendsPaid} as negative numbers (cash out).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CashFlowStatement(
        LocalDate date,
        String symbol,
        String reportedCurrency,
        LocalDate filingDate,
        String acceptedDate,
        String fiscalYear,
        String period,
        BigDecimal netIncome,
        BigDecimal depreciationAndAmortization,
        BigDecimal operatingCashFlow,
        BigDecimal capitalExpenditure,
        BigDecimal freeCashFlow,
        BigDecimal commonDividendsPaid) {
}
