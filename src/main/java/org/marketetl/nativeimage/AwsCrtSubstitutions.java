package org.marketetl.nativeimage;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import net.snowflake.client.jdbc.internal.software.amazon.awssdk.checksums.SdkChecksum;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.http.auth.aws.crt.internal.signer.DefaultAwsCrtV4aHttpSigner;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.services.s3.S3AsyncClient;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.S3TransferManager;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.TransferManagerConfiguration;
import net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.TransferManagerFactory;

/**
 * The AWS SDK shaded into snowflake-jdbc (used for PUT to an S3 stage), and our own for Step
 * Functions, have optional paths through
 * the AWS Common Runtime, aws-crt, a native library the driver does not bundle: CRT checksums
 * (CRC32C, CRC64NVME, xxHash), SigV4a signing ({@code AwsSigningConfig}) and the CRT-based S3
 * client and transfer manager. On the JVM the SDK checks for aws-crt by class name and falls back
 * or fails with "add a dependency on aws-crt"; in the image these methods do the same without
 * referring to aws-crt classes. The driver's S3 upload uses SigV4, Java's CRC32C and its own
 * Netty-based {@code S3AsyncClient} with the generic transfer manager, none of which is touched.
 */
final class AwsCrtSubstitutions {

    static final String CRT_MISSING = "aws-crt is not part of this native image (snowflake-jdbc does not bundle it): ";

    private AwsCrtSubstitutions() {
    }
}

/** Checksums: CRC32C falls back to Java's as without aws-crt; the CRT-only algorithms fail as without it. */
@TargetClass(className = "net.snowflake.client.jdbc.internal.software.amazon.awssdk.checksums.internal.ChecksumProvider")
final class Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_checksums_internal_ChecksumProvider {

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException(AwsCrtSubstitutions.CRT_MISSING + "no CRC64NVME checksum");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new RuntimeException(AwsCrtSubstitutions.CRT_MISSING + "no " + algorithm.algorithmId() + " checksum");
    }
}

/**
 * The same three methods in our own, unshaded AWS SDK (the API function's Step Functions client:
 * {@code DefaultSfnClient} -> {@code HttpChecksumStage} -> {@code SdkChecksum.forAlgorithm} ->
 * {@code ChecksumProvider}), which has no aws-crt either (issue 18, finding 3).
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider")
final class Target_software_amazon_awssdk_checksums_internal_ChecksumProvider {

    @Substitute
    static software.amazon.awssdk.checksums.SdkChecksum createCrtCrc32C() {
        return null;
    }

    @Substitute
    static software.amazon.awssdk.checksums.SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException(AwsCrtSubstitutions.CRT_MISSING + "no CRC64NVME checksum");
    }

    @Substitute
    static software.amazon.awssdk.checksums.SdkChecksum crtXxHash(software.amazon.awssdk.checksums.spi.ChecksumAlgorithm algorithm) {
        throw new RuntimeException(AwsCrtSubstitutions.CRT_MISSING + "no " + algorithm.algorithmId() + " checksum");
    }
}

/** SigV4a (multi-region access points) exists only through aws-crt; Snowflake stages are signed with SigV4. */
@TargetClass(className = "net.snowflake.client.jdbc.internal.software.amazon.awssdk.http.auth.aws.internal.signer.util.OptionalDependencyLoaderUtil")
final class Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_http_auth_aws_internal_signer_util_OptionalDependencyLoaderUtil {

    @Substitute
    public static DefaultAwsCrtV4aHttpSigner getDefaultAwsCrtV4aHttpSigner() {
        throw new RuntimeException(AwsCrtSubstitutions.CRT_MISSING + "no SigV4a signing");
    }
}

/**
 * The transfer manager: snowflake-jdbc always hands it its own S3AsyncClient, so the SDK's
 * default client (the CRT one when aws-crt is present) and the CRT transfer manager are never
 * used; this is the original method without those two branches.
 */
@TargetClass(className = "net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.TransferManagerFactory")
final class Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_TransferManagerFactory {

    @Alias
    private static native TransferManagerConfiguration resolveTransferManagerConfiguration(
            TransferManagerFactory.DefaultBuilder builder);

    @Substitute
    public static S3TransferManager createTransferManager(TransferManagerFactory.DefaultBuilder builder) {
        S3AsyncClient client = ((Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_TransferManagerFactory_DefaultBuilder) (Object) builder).s3AsyncClient;
        if (client == null) {
            throw new IllegalStateException(AwsCrtSubstitutions.CRT_MISSING
                    + "S3TransferManager needs an explicit S3AsyncClient here");
        }
        return (S3TransferManager) (Object) new Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_GenericS3TransferManager(
                resolveTransferManagerConfiguration(builder), client, false);
    }
}

@TargetClass(className = "net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.TransferManagerFactory$DefaultBuilder")
final class Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_TransferManagerFactory_DefaultBuilder {

    @Alias
    S3AsyncClient s3AsyncClient;
}

@TargetClass(className = "net.snowflake.client.jdbc.internal.software.amazon.awssdk.transfer.s3.internal.GenericS3TransferManager")
final class Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_GenericS3TransferManager {

    @Alias
    Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_GenericS3TransferManager(
            TransferManagerConfiguration configuration, S3AsyncClient s3AsyncClient, boolean isDefaultS3AsyncClient) {
    }
}
