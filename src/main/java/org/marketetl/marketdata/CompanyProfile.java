package org.marketetl.marketdata;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One element of FMP {@code /stable/profile?symbol=}. Field names and types as FMP sends them:
 * {@code fullTimeEmployees} is a string, {@code ipoDate} may be empty. Fields we do not store are
 * ignored so a new FMP field never breaks a load.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompanyProfile(
        String symbol,
        BigDecimal price,
        BigDecimal marketCap,
        Double beta,
        String companyName,
        String currency,
        String cik,
        String isin,
        String cusip,
        String exchangeFullName,
        String exchange,
        String industry,
        String website,
        String ceo,
        String sector,
        String country,
        String fullTimeEmployees,
        String ipoDate,
        Boolean isEtf,
        Boolean isActivelyTrading) {
}
