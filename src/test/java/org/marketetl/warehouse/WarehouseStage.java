package org.marketetl.warehouse;

import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/** The stage directory of the warehouse the application under test uses, found as the application finds it. */
final class WarehouseStage {

    private WarehouseStage() {
    }

    /** This warehouse's directory under {@code root} (the configured stage directory). */
    static Path directory(Path root) {
        String datasource = ConfigProvider.getConfig().getValue("market-etl.warehouse.datasource", String.class);
        AgroalDataSource pool = Arc.container()
                .select(AgroalDataSource.class, new io.quarkus.agroal.DataSource.DataSourceLiteral(datasource)).get();
        return StageDirectory.ofWarehouse(root,
                pool.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl());
    }
}
