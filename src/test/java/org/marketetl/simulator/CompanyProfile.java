package org.marketetl.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One element of {@code /stable/profile}; names, order and JSON types as FMP sends them
 * (note {@code fullTimeEmployees} is a string, {@code marketCap} and volumes are integers).
 * The {@code is*} booleans carry explicit names so Jackson never strips the "is" prefix.
 */
public record CompanyProfile(
        String symbol,
        double price,
        long marketCap,
        double beta,
        double lastDividend,
        String range,
        double change,
        double changePercentage,
        long volume,
        long averageVolume,
        String companyName,
        String currency,
        String cik,
        String isin,
        String cusip,
        String exchangeFullName,
        String exchange,
        String industry,
        String website,
        String description,
        String ceo,
        String sector,
        String country,
        String fullTimeEmployees,
        String phone,
        String address,
        String city,
        String state,
        String zip,
        String image,
        String ipoDate,
        boolean defaultImage,
        @JsonProperty("isEtf") boolean isEtf,
        @JsonProperty("isActivelyTrading") boolean isActivelyTrading,
        @JsonProperty("isAdr") boolean isAdr,
        @JsonProperty("isFund") boolean isFund) {
}
