package org.marketetl.marketdata;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One trading day of FMP {@code /stable/historical-price-eod/full}; FMP lists them newest first. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EodPrice(
        String symbol,
        LocalDate date,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        Long volume,
        BigDecimal change,
        Double changePercent,
        BigDecimal vwap) {
}
