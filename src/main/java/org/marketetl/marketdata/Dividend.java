package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One dividend from FMP {@code /stable/dividends?symbol=} or {@code /stable/dividends-calendar}
 * (the same shape; field names as FMP documents them). {@code date} is the ex-dividend date;
 * {@code dividend} the amount as declared, per share as they were then; {@code adjDividend} the
 * same split-adjusted to today's shares. The other dates may be missing or empty ("") for some
 * listings, hence text; {@code yield} is FMP's annualised yield in percent, {@code frequency}
 * "Quarterly", "Monthly", "Semi-Annual", "Annual", "Irregular"...
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dividend(
        String symbol,
        LocalDate date,
        String recordDate,
        String paymentDate,
        String declarationDate,
        BigDecimal adjDividend,
        BigDecimal dividend,
        @JsonProperty("yield") Double dividendYield,
        String frequency) {
}
