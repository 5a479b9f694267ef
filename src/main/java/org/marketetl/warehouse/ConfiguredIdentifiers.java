package org.marketetl.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.marketetl.config.WarehouseConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Checks the configured Snowflake names before anything connects. They come from environment
 * variables and are spliced into the JDBC URL, where a value such as
 * {@code MARKET&role=ACCOUNTADMIN} would change the connection; so each must be a plain unquoted
 * Snowflake identifier (the account a host-name label), or the function fails to start with a
 * message naming the setting. Quoted identifiers (lower case, spaces) are not supported.
 */
class ConfiguredIdentifiers {

    /** An unquoted Snowflake identifier: letter or underscore first, at most 255 characters. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,254}");
    /** An account identifier: {@code orgname-accountname}, or a locator with region and cloud. */
    static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, WarehouseConfig config) {
        check(config.snowflake());
    }

    /** @throws IllegalStateException naming every setting that is not a plain identifier */
    static void check(WarehouseConfig.Snowflake names) {
        Map<String, String> identifiers = new LinkedHashMap<>();
        identifiers.put("database (SNOWFLAKE_DATABASE)", names.database());
        identifiers.put("schema (SNOWFLAKE_SCHEMA)", names.schema());
        identifiers.put("warehouse (SNOWFLAKE_WAREHOUSE)", names.warehouse());
        identifiers.put("role (SNOWFLAKE_ROLE)", names.role());
        List<String> problems = new ArrayList<>();
        if (!ACCOUNT.matcher(names.account()).matches()) {
            problems.add("account (SNOWFLAKE_ACCOUNT) " + shown(names.account()) + " is not an account identifier ("
                    + ACCOUNT.pattern() + ")");
        }
        identifiers.forEach((setting, value) -> {
            if (!IDENTIFIER.matcher(value).matches()) {
                problems.add(setting + " " + shown(value) + " is not a plain Snowflake identifier ("
                        + IDENTIFIER.pattern() + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("market-etl.warehouse.snowflake: " + String.join("; ", problems)
                    + ". These names are spliced into the JDBC URL; fix the environment variables.");
        }
    }

    /** The value, quoted and cut short, printable even if it holds control characters. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
