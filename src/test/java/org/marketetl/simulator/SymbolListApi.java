package org.marketetl.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;

/**
 * FMP's symbol lists over the simulated market ({@link Market}): {@code stock-list} and
 * {@code etf-list} (the securities listed now, with their exchange; the ETF list names a fund
 * {@code name}, the stock list {@code companyName}, as FMP's lists differ), {@code actively-trading-list}
 * (what trades on the simulated day) and {@code delisted-companies?page=&limit=} (newest delisting
 * first, with exchange, IPO and delisting dates; {@code limit} at most {@value #MAX_LIMIT}).
 */
final class SymbolListApi {

    static final int MAX_LIMIT = 100;
    private static final int DEFAULT_LIMIT = 100;

    private final MarketDataStore store;
    private final ObjectMapper mapper = new ObjectMapper();

    SymbolListApi(MarketDataStore store) {
        this.store = store;
    }

    /** One element of {@code stock-list}. */
    record Stock(String symbol, String companyName, String exchange, String exchangeShortName) {
    }

    /** One element of {@code etf-list} and {@code actively-trading-list}. */
    record Named(String symbol, String name, String exchange, String exchangeShortName) {
    }

    /** One element of {@code delisted-companies}. */
    record Delisted(String symbol, String companyName, String exchange, String ipoDate, String delistedDate) {
    }

    Answer answer(String endpoint, QueryParams q) {
        LocalDate asOf = store.asOf();
        List<Listing> listed = store.market().all().stream().filter(l -> l.tradesOn(asOf)).toList();
        return switch (endpoint) {
            case "stock-list" -> Answer.ok(write(listed.stream().filter(l -> !l.isEtf())
                    .map(l -> new Stock(l.symbol(), l.name(), l.exchangeFullName(), l.exchange())).toList()));
            case "etf-list" -> Answer.ok(write(listed.stream().filter(Listing::isEtf)
                    .map(l -> new Named(l.symbol(), l.name(), l.exchangeFullName(), l.exchange())).toList()));
            case "actively-trading-list" -> Answer.ok(write(listed.stream()
                    .map(l -> new Named(l.symbol(), l.name(), l.exchangeFullName(), l.exchange())).toList()));
            case "delisted-companies" -> delisted(q, asOf);
            default -> Answer.json(404, FmpErrors.badRequest("unknown endpoint /stable/" + endpoint));
        };
    }

    private Answer delisted(QueryParams q, LocalDate asOf) {
        int page;
        int limit;
        try {
            page = q.get("page") == null ? 0 : Integer.parseInt(q.get("page"));
            limit = q.get("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(q.get("limit"));
        } catch (NumberFormatException e) {
            return Answer.json(400, FmpErrors.badRequest("page and limit must be integers"));
        }
        if (page < 0 || limit < 1) {
            return Answer.json(400, FmpErrors.badRequest("page must be 0 or more and limit 1 or more"));
        }
        int size = Math.min(limit, MAX_LIMIT);
        List<Listing> delisted = store.market().delistedNewestFirst(asOf);
        int from = (int) Math.min(delisted.size(), (long) page * size);
        return Answer.ok(write(delisted.subList(from, Math.min(delisted.size(), from + size)).stream()
                .map(l -> new Delisted(l.symbol(), l.name(), l.exchange(), l.listed() == null ? null : l.listed().toString(),
                        l.delisted().toString())).toList()));
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
