package org.marketetl.marketdata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One element of FMP's {@code stock-list}, {@code etf-list} or {@code actively-trading-list}. FMP
 * names the company {@code companyName} in some lists and {@code name} in others, and the exchange
 * {@code exchangeShortName} or {@code exchange}: both are read.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListedSymbol(String symbol, String companyName, String name, String exchange,
        String exchangeShortName) {

    /** The company's name, whichever key the list used. */
    public String displayName() {
        return companyName != null ? companyName : name;
    }

    /** The exchange's short name (NASDAQ, NYSE, AMEX, LSE...), whichever key the list used. */
    public String exchangeCode() {
        return exchangeShortName != null ? exchangeShortName : exchange;
    }
}
