package org.marketetl.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The BouncyCastle provider shaded into snowflake-jdbc, which the driver adds at run time
 * ({@code SecurityUtil.addBouncyCastleProvider}, by {@code Class.forName}) and uses to turn the
 * PEM private key into a {@code PrivateKey} for key-pair sign-in ({@code SessionUtilKeyPair}:
 * {@code PEMParser}, then {@code JcaPEMKeyConverter.setProvider("BC")}, i.e.
 * {@code KeyFactory.getInstance("RSA", "BC")}).
 * <ul>
 * <li>The provider builds its algorithm table by loading each {@code ...$Mappings} class by name
 * (all 108 of {@code jcajce.provider}, listed from the 4.4.1 jar; {@code NativeConfigurationTest}
 * fails if the jar's set changes). Without them it comes up empty (finding 8 of issue 11).</li>
 * <li>The JCA creates a service's implementation by name, too: the RSA {@code KeyFactorySpi}.</li>
 * </ul>
 * Constructors only: nothing here is read field by field. The JWT itself is signed with the JDK's
 * {@code SHA256withRSA} (BouncyCastle is added last, so the JDK's providers answer first).
 */
@RegisterForReflection(methods = false, fields = false, classNames = {
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jce.provider.BouncyCastleProvider",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.rsa.KeyFactorySpi",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.CMCE$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.COMPOSITE$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.CONTEXT$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.CompositeKEMs$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.CompositeSignatures$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.DH$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.DSA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.DSTU4145$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.EC$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.ECGOST$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.EXTERNAL$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.EdEC$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.ElGamal$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.Falcon$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.FrodoKEM$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.GM$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.GOST$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.IES$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.LMS$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.MLDSA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.MLKEM$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.NTRU$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.NoSig$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.RSA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.SLHDSA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.X509$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.asymmetric.XMSS$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Blake2b$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Blake2s$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Blake3$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.DSTU7564$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.GOST3411$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Haraka$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Keccak$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.MD2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.MD4$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.MD5$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.RIPEMD128$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.RIPEMD160$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.RIPEMD256$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.RIPEMD320$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA1$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA224$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA256$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA3$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA384$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SHA512$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.SM3$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Skein$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Tiger$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.digest.Whirlpool$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.drbg.DRBG$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.kdf.HKDF$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.kdf.PBKDF2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.kdf.SCRYPT$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.keystore.BC$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.keystore.BCFKS$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.keystore.PKCS12$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.AES$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.ARC4$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.ARGON2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.ARIA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Blowfish$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.CAST5$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.CAST6$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Camellia$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.ChaCha$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.DES$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.DESede$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.DSTU7624$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.GOST28147$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.GOST3412_2015$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Grain128$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Grainv1$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.HC128$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.HC256$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.HKDF$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.IDEA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.LEA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Noekeon$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.OpenSSLPBKDF$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.PBEPBKDF1$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.PBEPBKDF2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.PBEPKCS12$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Poly1305$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.RC2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.RC5$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.RC6$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Rijndael$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.SCRYPT$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.SEED$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.SM4$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Salsa20$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Serpent$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Shacal2$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.SipHash$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.SipHash128$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Skipjack$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.TEA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.TLSKDF$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Threefish$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Twofish$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.VMPC$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.VMPCKSA3$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.XChaCha$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.XSalsa20$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.XTEA$Mappings",
        "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.symmetric.Zuc$Mappings" })
final class BouncyCastleReflection {

    /** The {@code $Mappings} classes named above, for the test that compares them with the jar. */
    static final String MAPPINGS_PACKAGE = "net.snowflake.client.jdbc.internal.org.bouncycastle.jcajce.provider.";

    private BouncyCastleReflection() {
    }
}
