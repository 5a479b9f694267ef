package org.marketetl.run;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.RunConfig;

/** The business date of a run: today in UTC, unless configuration pins it (a re-run, a test). */
@ApplicationScoped
public class BusinessDate {

    private final Optional<LocalDate> pinned;

    public BusinessDate(RunConfig config) {
        this.pinned = config.asOf();
    }

    public LocalDate today() {
        return pinned.orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
    }
}
