package org.marketetl.marketdata;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One element of FMP's {@code delisted-companies?page=&limit=}, newest delisting first. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record DelistedCompany(String symbol, String companyName, String exchange, LocalDate ipoDate,
        LocalDate delistedDate) {
}
