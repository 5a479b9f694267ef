package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One stock split from FMP {@code /stable/splits?symbol=} or {@code /stable/splits-calendar}:
 * {@code numerator} new shares for {@code denominator} old ones from {@code date} on (the ex-date,
 * the first day FMP's adjusted prices are on the new basis). A 10-for-1 split is 10 / 1, a 1-for-10
 * reverse split 1 / 10; FMP's ratios are not always small integers and may be fractional
 * (1239 / 1000), hence decimals. {@code splitType} comes only with the calendar and may be null.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockSplit(String symbol, LocalDate date, BigDecimal numerator, BigDecimal denominator,
        String splitType) {
}
