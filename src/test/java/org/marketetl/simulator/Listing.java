package org.marketetl.simulator;

import java.time.LocalDate;

/**
 * One security of the simulated market, as the symbol lists show it.
 *
 * @param symbol           its ticker
 * @param name             the company's or fund's name
 * @param exchange         FMP's exchange short name: NASDAQ, NYSE, AMEX, OTC, LSE, ...
 * @param exchangeFullName the exchange's full name
 * @param type             {@code stock} or {@code etf}
 * @param listed           its IPO date
 * @param delisted         the day it was delisted, or null while it trades
 * @param prototype        for a generated security, the prototype whose data it copies; null for a
 *                         configured one (its own data)
 * @param quarterly        whether it files quarterly statements (else annual only; ETFs file none)
 */
record Listing(String symbol, String name, String exchange, String exchangeFullName, String type, LocalDate listed,
        LocalDate delisted, String prototype, boolean quarterly) {

    boolean isEtf() {
        return "etf".equals(type);
    }

    /** Traded on {@code day}: listed by then (as far as known) and not yet delisted. */
    boolean tradesOn(LocalDate day) {
        return delisted == null || day.isBefore(delisted);
    }

    /** The last day its data reaches, as of the simulator's {@code asOf}: the day before its delisting. */
    LocalDate lastDay(LocalDate asOf) {
        return delisted == null || asOf.isBefore(delisted) ? asOf : delisted.minusDays(1);
    }
}
