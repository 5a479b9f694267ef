package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One quarter of FMP {@code /stable/balance-sheet-statement?period=quarter}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record BalanceSheet(
        LocalDate date,
        String symbol,
        String reportedCurrency,
        LocalDate filingDate,
        String acceptedDate,
        String fiscalYear,
        String period,
        BigDecimal cashAndCashEquivalents,
        BigDecimal totalCurrentAssets,
        BigDecimal totalAssets,
        BigDecimal totalCurrentLiabilities,
        BigDecimal totalLiabilities,
        BigDecimal totalStockholdersEquity,
        BigDecimal totalEquity,
        BigDecimal totalDebt,
        BigDecimal netDebt) {
}
