package org.marketetl.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The AWS SDK shaded into snowflake-jdbc uploads PUT files to an S3 stage. The SDK's own
 * native-image configuration travels in the driver jar under the <em>unshaded</em> names
 * ({@code software.amazon.awssdk...}), so it cannot apply (and is excluded, see
 * application.properties): these are its entries under the shaded names. The SDK instantiates
 * execution interceptors listed in {@code .../services/s3/execution.interceptors} (a resource, in
 * resource-config.json) and its HTTP services found through {@code ServiceLoader}.
 */
@RegisterForReflection(methods = false, fields = false, classNames = {
        "net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.ApplyUserAgentInterceptor",
        "net.snowflake.client.jdbc.internal.software.amazon.awssdk.awscore.eventstream.EventStreamInitialRequestInterceptor",
        "net.snowflake.client.jdbc.internal.software.amazon.awssdk.http.nio.netty.NettySdkAsyncHttpService",
        "net.snowflake.client.jdbc.internal.software.amazon.awssdk.http.apache.ApacheSdkHttpService" })
final class AwsSdkReflection {

    private AwsSdkReflection() {
    }
}
