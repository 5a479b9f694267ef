package org.marketetl.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What snowflake-jdbc reads or writes by reflection on the function's path (key-pair sign-in,
 * queries, PUT to the table stage, COPY INTO, MERGE), since Quarkus has no extension for it. Found
 * with javap in the 4.4.1 jar: every class its shaded Jackson serialises or deserialises as a
 * bean (the arguments of {@code writeValueAsString}, {@code readValue}, {@code treeToValue}) and
 * the classes it creates by name. Fields and methods are registered: Jackson reads getters and,
 * for some of these, private fields. Issue 11 findings 2 and 5.
 */
@RegisterForReflection(classNames = {
        // Agroal loads the configured driver by name (quarkus.datasource.snowflake.jdbc.driver);
        // the second is the name META-INF/services/java.sql.Driver gives.
        "net.snowflake.client.jdbc.SnowflakeDriver",
        "net.snowflake.client.api.driver.SnowflakeDriver",
        // Login request body (SessionUtil.newSession); its data map carries the connection's
        // identifier shape as a bean ("No serializer found for ... ConnectionIdentifierShape").
        "net.snowflake.client.internal.core.auth.ClientAuthnDTO",
        "net.snowflake.client.internal.core.ConnectionIdentifierShape",
        // Query request body (StmtUtil.execute): statement, bindings of executeBatch, query context.
        "net.snowflake.client.internal.core.QueryExecDTO",
        "net.snowflake.client.internal.core.ParameterBindingDTO",
        "net.snowflake.client.internal.core.QueryContextDTO",
        "net.snowflake.client.internal.core.QueryContextEntryDTO",
        "net.snowflake.client.internal.core.OpaqueContextDTO",
        // Structured-type binding metadata (Jackson-annotated), reached from ParameterBindingDTO.
        "net.snowflake.client.internal.jdbc.BindingParameterMetadata",
        // PUT: the stage's encryption material is read with treeToValue
        // (SnowflakeFileTransferAgent); the transfer metadata is Jackson-annotated.
        "net.snowflake.client.jdbc.internal.snowflake.common.core.RemoteStoreFileEncryptionMaterial",
        "net.snowflake.client.internal.jdbc.SnowflakeFileTransferMetadataV1",
        // The client configuration file (sf_client_config.json), parsed at connect if present.
        "net.snowflake.client.internal.config.SFClientConfig",
        "net.snowflake.client.internal.config.SFClientConfig$CommonProps",
        // OCSP cache-server request body (SFTrustManager), on the TLS path to Snowflake.
        "net.snowflake.client.internal.core.SFTrustManager$OCSPPostReqData",
        // snowflake-common's login DTOs, written by the shaded common code.
        "net.snowflake.client.jdbc.internal.snowflake.common.core.ClientAuthnDTO",
        "net.snowflake.client.jdbc.internal.snowflake.common.core.LoginInfoDTO",
        "net.snowflake.client.jdbc.internal.snowflake.common.core.SubmittedAuthnDTO" })
final class SnowflakeDriverReflection {

    private SnowflakeDriverReflection() {
    }
}
