package org.marketetl.load;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.CompanyProfile;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;

/**
 * Company profiles: one FMP call per symbol -> STG_COMPANY -> MERGE COMPANY. Profiles change
 * rarely, so an incremental run fetches only those not fetched within {@code profile-max-age}. For
 * many symbols the whole market's profiles come in a few bulk parts instead, when that costs less
 * ({@link ProfileBulk}).
 */
@ApplicationScoped
public class CompanyEtl implements StepTask {

    static final StagedTable COMPANY = new StagedTable("STG_COMPANY", List.of("SYMBOL", "COMPANY_NAME", "CURRENCY",
            "EXCHANGE", "EXCHANGE_FULL_NAME", "SECTOR", "INDUSTRY", "COUNTRY", "CIK", "ISIN", "CUSIP", "CEO", "WEBSITE",
            "IPO_DATE", "FULL_TIME_EMPLOYEES", "BETA", "IS_ETF", "IS_ACTIVELY_TRADING"),
            SqlResource.load(CompanyEtl.class, "company-merge.sql"));

    private final MarketDataClient client;
    private final SymbolExtraction extraction;
    private final Warehouse warehouse;
    private final FetchLog fetchLog;
    private final MarketDataConfig config;
    private final ProfileBulk bulk;

    public CompanyEtl(MarketDataClient client, SymbolExtraction extraction, Warehouse warehouse, FetchLog fetchLog,
            MarketDataConfig config, ProfileBulk bulk) {
        this.bulk = bulk;
        this.client = client;
        this.extraction = extraction;
        this.warehouse = warehouse;
        this.fetchLog = fetchLog;
        this.config = config;
    }

    @Override
    public Step step() {
        return Step.COMPANY;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        Instant now = Instant.now();
        List<String> due = due(context, now);
        Strategy strategy = bulk.choose(context, due);
        return warehouse.inTransaction(session -> {
            try (StagedTable.Load load = COMPANY.open(session)) {
                BulkLoad inBulk = strategy.bulk() ? bulk.load(context, due, strategy, calls, load)
                        : BulkLoad.perSymbol(due, strategy.reason());
                SymbolExtraction.Result result = extraction.extract(inBulk.perSymbol(), context.deadline(),
                        symbol -> client.profile(symbol, calls).map(profiles -> rows(symbol, profiles)), List::size,
                        chunk -> load.stage(Rows.flatten(chunk)));
                int merged = load.merge();
                List<String> fetched = inBulk.fetched(result);
                fetchLog.record(session, FetchLog.PROFILE, fetched, now);
                fetchLog.recordFinal(session, step(), fetched, context, now);
                return inBulk.outcome(context.request().symbols().size(), result, merged);
            }
        });
    }

    /** Symbols whose profile is missing or older than the configured age; all of them unless incremental. */
    private List<String> due(RunContext context, Instant now) {
        List<String> symbols = context.request().symbols();
        if (context.request().mode() != Mode.INCREMENTAL) {
            return symbols;
        }
        Instant freshSince = now.minus(config.profileMaxAge());
        Map<String, Instant> fetched = fetchLog.lastFetched(FetchLog.PROFILE);
        return symbols.stream().filter(s -> !fetched.containsKey(s) || fetched.get(s).isBefore(freshSince)).toList();
    }

    static List<Object[]> rows(String symbol, List<CompanyProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new MalformedDataException("FMP has no profile for this symbol");
        }
        CompanyProfile p = profiles.get(0);
        Rows.sameSymbol(symbol, p.symbol());
        // FMP leaves an unknown text empty ("") in JSON, and empty or "" in bulk CSV: absent either way.
        return List.<Object[]>of(new Object[] { symbol, Rows.text(p.companyName()), Rows.text(p.currency()),
                Rows.text(p.exchange()), Rows.text(p.exchangeFullName()), Rows.text(p.sector()), Rows.text(p.industry()),
                Rows.text(p.country()), Rows.text(p.cik()), Rows.text(p.isin()), Rows.text(p.cusip()),
                Rows.text(p.ceo()), Rows.text(p.website()), Rows.optionalDate(p.ipoDate()),
                Rows.optionalLong(p.fullTimeEmployees()), p.beta(), p.isEtf(), p.isActivelyTrading() });
    }
}
