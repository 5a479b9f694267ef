package org.marketetl.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The market's list of securities (table SECURITY), from which a run request's universe selector
 * picks its symbols: loaded from FMP's {@code stock-list}, {@code etf-list},
 * {@code actively-trading-list} and {@code delisted-companies}.
 */
@ConfigMapping(prefix = "market-etl.universe")
public interface UniverseConfig {

    /**
     * A run with a universe selector reloads the symbol lists when they were last loaded longer ago
     * than this (3 requests, plus the pages of newly delisted companies).
     */
    @WithDefault("PT24H")
    Duration securityMaxAge();

    /** Rows asked per {@code delisted-companies} page ({@code limit=}). */
    @WithDefault("100")
    int delistedPageSize();

    /**
     * The exchanges of "US" in the selector {@code "us-common-stocks"} (FMP's exchange short
     * names).
     */
    @WithDefault("NASDAQ,NYSE,AMEX")
    List<String> usExchanges();
}
