package org.marketetl.nativeimage;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import net.snowflake.client.internal.core.SecureStorageLinuxManager;

/**
 * snowflake-jdbc's token cache picks a credential store by operating system when
 * {@code CredentialManager} is created: the macOS keychain or the Windows credential manager
 * (both through JNA, which the driver does not bundle: {@code SecureStorageWindowsManager.builder()}
 * cannot be linked), or a file under the home directory on Linux. The function only runs on
 * Linux (Lambda), so the store is the Linux one, as the original chooses there; with key-pair
 * sign-in the driver never caches a token in it anyway.
 */
@TargetClass(className = "net.snowflake.client.internal.core.CredentialManager")
final class Target_net_snowflake_client_internal_core_CredentialManager {

    @Alias
    private Target_net_snowflake_client_internal_core_SecureStorageManager secureStorageManager;

    @Substitute
    private void initSecureStorageManager() {
        secureStorageManager = (Target_net_snowflake_client_internal_core_SecureStorageManager) (Object)
                SecureStorageLinuxManager.getInstance();
    }
}

/** The package-private store interface, named so the field above can be aliased. */
@TargetClass(className = "net.snowflake.client.internal.core.SecureStorageManager")
final class Target_net_snowflake_client_internal_core_SecureStorageManager {
}
