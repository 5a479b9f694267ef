package org.marketetl.marketdata;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.smallrye.mutiny.Uni;

/**
 * The FMP "stable" endpoints we use (base URL {@code quarkus.rest-client.fmp.url}). Non-blocking:
 * each call is a {@link Uni}, so hundreds can be in flight without a thread each. The API key is
 * added as {@code apikey} from configuration and never passes through our code or logs.
 * Resilience lives in {@link MarketDataClient}, not here. The bulk CSV endpoints, which must be read
 * as streams, go through {@link BulkCsvClient} instead.
 */
@RegisterRestClient(configKey = "fmp")
@RegisterProvider(FmpErrorMapper.class)
@ClientQueryParam(name = "apikey", value = "${market-etl.market-data.api-key}")
@ClientHeaderParam(name = "User-Agent", value = "market-etl")
@Produces(MediaType.APPLICATION_JSON)
interface FmpApi {

    @GET
    @Path("profile")
    Uni<List<CompanyProfile>> profile(@QueryParam("symbol") String symbol);

    @GET
    @Path("historical-price-eod/full")
    Uni<List<EodPrice>> dailyPrices(@QueryParam("symbol") String symbol, @QueryParam("from") String from,
            @QueryParam("to") String to);

    /** Every split of one company, newest first. */
    @GET
    @Path("splits")
    Uni<List<StockSplit>> splits(@QueryParam("symbol") String symbol);

    /** The splits of every company FMP covers, dated from {@code from} to {@code to}. */
    @GET
    @Path("splits-calendar")
    Uni<List<StockSplit>> splitsCalendar(@QueryParam("from") String from, @QueryParam("to") String to);

    /** Every dividend of one company, newest first, declared ones still ahead included. */
    @GET
    @Path("dividends")
    Uni<List<Dividend>> dividends(@QueryParam("symbol") String symbol);

    /** The dividends of every company FMP covers, with ex-dates from {@code from} to {@code to}. */
    @GET
    @Path("dividends-calendar")
    Uni<List<Dividend>> dividendsCalendar(@QueryParam("from") String from, @QueryParam("to") String to);

    /** Every stock FMP covers, with its exchange. */
    @GET
    @Path("stock-list")
    Uni<List<ListedSymbol>> stockList();

    /** Every ETF FMP covers. */
    @GET
    @Path("etf-list")
    Uni<List<ListedSymbol>> etfList();

    /** The symbols trading now. */
    @GET
    @Path("actively-trading-list")
    Uni<List<ListedSymbol>> activelyTradingList();

    /** One page of the delisted companies, newest delisting first. */
    @GET
    @Path("delisted-companies")
    Uni<List<DelistedCompany>> delistedCompanies(@QueryParam("page") int page, @QueryParam("limit") int limit);

    @GET
    @Path("income-statement")
    Uni<List<IncomeStatement>> incomeStatements(@QueryParam("symbol") String symbol,
            @QueryParam("period") String period, @QueryParam("limit") int limit);

    @GET
    @Path("balance-sheet-statement")
    Uni<List<BalanceSheet>> balanceSheets(@QueryParam("symbol") String symbol, @QueryParam("period") String period,
            @QueryParam("limit") int limit);

    @GET
    @Path("cash-flow-statement")
    Uni<List<CashFlowStatement>> cashFlowStatements(@QueryParam("symbol") String symbol,
            @QueryParam("period") String period, @QueryParam("limit") int limit);
}
