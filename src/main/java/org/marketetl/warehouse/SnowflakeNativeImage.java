package org.marketetl.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs of snowflake-jdbc by reflection, since Quarkus has no extension for it:
 * the driver, which Agroal loads by name, and the request bodies the driver writes with its shaded
 * Jackson (login and query execution). The rest of the driver's native configuration is in
 * application.properties ("Native image") and infra/native.md says why each item is there.
 */
@RegisterForReflection(classNames = {
        "net.snowflake.client.jdbc.SnowflakeDriver",
        "net.snowflake.client.internal.core.QueryExecDTO",
        "net.snowflake.client.internal.core.ParameterBindingDTO",
        "net.snowflake.client.internal.core.QueryContextDTO",
        "net.snowflake.client.internal.core.QueryContextEntryDTO",
        "net.snowflake.client.internal.core.OpaqueContextDTO",
        "net.snowflake.client.internal.core.auth.ClientAuthnDTO",
        "net.snowflake.client.jdbc.internal.snowflake.common.core.ClientAuthnDTO",
        "net.snowflake.client.jdbc.internal.snowflake.common.core.LoginInfoDTO",
        "net.snowflake.client.jdbc.internal.snowflake.common.core.SubmittedAuthnDTO" })
final class SnowflakeNativeImage {

    private SnowflakeNativeImage() {
    }
}
