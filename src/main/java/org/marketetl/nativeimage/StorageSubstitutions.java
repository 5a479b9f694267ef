package org.marketetl.nativeimage;

import java.io.File;
import java.io.InputStream;
import java.util.Map;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import net.snowflake.client.api.exception.SnowflakeSQLException;
import net.snowflake.client.internal.core.SFBaseSession;
import net.snowflake.client.internal.core.SFSession;
import net.snowflake.client.internal.jdbc.cloud.storage.SnowflakeAzureClient;
import net.snowflake.client.internal.jdbc.cloud.storage.StageInfo;
import net.snowflake.client.internal.jdbc.cloud.storage.StorageObjectMetadata;
import net.snowflake.client.internal.jdbc.cloud.storage.StorageObjectSummaryCollection;
import net.snowflake.client.internal.util.SFPair;
import net.snowflake.client.jdbc.internal.snowflake.common.core.RemoteStoreFileEncryptionMaterial;

/**
 * The driver's PUT picks a storage client by the stage's cloud. Production's stage is S3 (Snowflake
 * on AWS); fakesnow's, in the tests, is a GCS stage that hands out presigned URLs, which the driver
 * uploads to with its own Apache HttpClient. What is not on either path and cannot be linked (issue
 * 18, finding 3) is cut here, keeping both paths whole:
 * <ul>
 * <li>the Google Cloud Storage client library, which {@code GCSDefaultAccessStrategy} builds in its
 * constructor and uses for transfers without a presigned URL (google-cloud-storage, App Engine's
 * {@code urlfetch}, the minimised Guava's absent {@code Ints}/{@code Longs}/{@code UnsignedLongs},
 * opencensus, gRPC): the strategy is created without it, and the five methods that need it fail
 * with the reason; {@code handleStorageException} (it only looks at {@code StorageException}'s
 * code) and {@code shutdown} stay the driver's;</li>
 * <li>the Azure client (the Azure SDK over the shaded reactor-netty, whose static initialisers name
 * QUIC/HTTP3 classes that are absent): {@code createAzureClient} fails with the reason.</li>
 * </ul>
 */
final class StorageSubstitutions {

    static final String NO_GCS_LIBRARY = "the Google Cloud Storage client library is not part of this native image: "
            + "a GCS stage works through presigned URLs only (";
    static final String NO_AZURE = "Azure stages are not part of this native image (Snowflake on AWS stages in S3)";

    private StorageSubstitutions() {
    }
}

@TargetClass(className = "net.snowflake.client.internal.jdbc.cloud.storage.GCSDefaultAccessStrategy")
final class Target_net_snowflake_client_internal_jdbc_cloud_storage_GCSDefaultAccessStrategy {

    /** The original builds a google-cloud-storage {@code Storage} here; the presigned-URL transfers never use it. */
    @Substitute
    Target_net_snowflake_client_internal_jdbc_cloud_storage_GCSDefaultAccessStrategy(StageInfo stage, SFSession session) {
    }

    @Substitute
    public StorageObjectSummaryCollection listObjects(String remoteStorageLocation, String prefix) {
        throw new UnsupportedOperationException(StorageSubstitutions.NO_GCS_LIBRARY + "listing files)");
    }

    @Substitute
    public StorageObjectMetadata getObjectMetadata(String remoteStorageLocation, String prefix) {
        throw new UnsupportedOperationException(StorageSubstitutions.NO_GCS_LIBRARY + "file metadata)");
    }

    @Substitute
    public Map<String, String> download(int parallelism, String remoteStorageLocation, String stageFilePath, File localFile) {
        throw new UnsupportedOperationException(StorageSubstitutions.NO_GCS_LIBRARY + "download)");
    }

    @Substitute
    public SFPair<InputStream, Map<String, String>> downloadToStream(String remoteStorageLocation, String stageFilePath,
            boolean isEncrypting) {
        throw new UnsupportedOperationException(StorageSubstitutions.NO_GCS_LIBRARY + "download)");
    }

    @Substitute
    public void uploadWithDownScopedToken(int parallelism, String remoteStorageLocation, String destFileName,
            String contentEncoding, Map<String, String> metadata, long contentLength, InputStream content, String queryId) {
        throw new UnsupportedOperationException(StorageSubstitutions.NO_GCS_LIBRARY + "upload with a token)");
    }
}

@TargetClass(className = "net.snowflake.client.internal.jdbc.cloud.storage.StorageClientFactory")
final class Target_net_snowflake_client_internal_jdbc_cloud_storage_StorageClientFactory {

    @Substitute
    private SnowflakeAzureClient createAzureClient(StageInfo stage, RemoteStoreFileEncryptionMaterial encMat,
            SFBaseSession session) throws SnowflakeSQLException {
        throw new SnowflakeSQLException(StorageSubstitutions.NO_AZURE);
    }
}
