package dev.wstest.tls;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.apiguardian.api.API;

/**
 * The certificate and private key one side presents in a TLS handshake: a server's, or a client's for mutual
 * TLS. {@link TlsTrust} says which certificates of the other side are accepted; this says who this side is.
 * Both go into one SSL context with {@link TlsTrust#sslContext(TlsIdentity)}; the client, the raw client and the
 * servers take it directly:
 *
 * <pre>{@code
 * WsClient.builder(mock.uri("/feed"))
 *         .tls(mock.trust())                                           // the server's certificate
 *         .clientCertificate(GeneratedCertificate.client().identity())  // and ours, for mutual TLS
 *         .connect();
 * TlsIdentity.keyStore(Path.of("client.p12"), "changeit".toCharArray());   // a key store of your own
 * }</pre>
 *
 * <p>The private key never appears in {@link #toString()} or in any message.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TlsIdentity {

    private final String description;
    private final KeyStore keyStore;
    private final char[] password;
    private volatile KeyManager[] keyManagers;

    private TlsIdentity(String description, KeyStore keyStore, char[] password) {
        this.description = description;
        this.keyStore = keyStore;
        this.password = password.clone();
    }

    /** The key and certificate chain (the first certificate is this side's own). */
    public static TlsIdentity of(PrivateKey key, X509Certificate... chain) {
        Objects.requireNonNull(key, "key");
        if (chain.length == 0) {
            throw new IllegalArgumentException("give at least the certificate that goes with the key");
        }
        char[] password = "ws-test".toCharArray();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("identity", key, password, chain);
            return new TlsIdentity(chain[0].getSubjectX500Principal().getName(), ks, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an in-memory key store: " + e.getMessage(), e);
        }
    }

    /** The key entry of a key store (its key password is the store's). */
    public static TlsIdentity keyStore(KeyStore keyStore, char[] password) {
        return new TlsIdentity("key store given by the test", Objects.requireNonNull(keyStore, "keyStore"),
                Objects.requireNonNull(password, "password"));
    }

    /** The key entry of a key store file (PKCS12 or JKS, detected by the JDK). */
    public static TlsIdentity keyStore(Path file, char[] password) {
        try {
            return new TlsIdentity("key store " + file, KeyStore.getInstance(file.toFile(), password), password);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) { // thrown for a missing file
            throw new IllegalArgumentException("cannot read key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key managers that present this identity (built once). */
    public KeyManager[] keyManagers() {
        KeyManager[] k = keyManagers;
        if (k == null) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, password);
                k = kmf.getKeyManagers();
                keyManagers = k;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot use the key of " + description + ": " + e.getMessage(), e);
            }
        }
        return k.clone();
    }

    /** This side's certificate: the first one of the first key entry. */
    public X509Certificate certificate() {
        try {
            var aliases = keyStore.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (keyStore.isKeyEntry(alias)) {
                    Certificate c = keyStore.getCertificate(alias);
                    if (c instanceof X509Certificate x) {
                        return x;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + description + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(description + " holds no key entry with an X.509 certificate");
    }

    /** Who this identity is, e.g. {@code CN=ws-test client}; never the key. */
    @Override
    public String toString() {
        return description;
    }
}
