package dev.wstest.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates a {@code wss://} client accepts.
 *
 * <p>The default, {@link #jdkDefault()}, verifies certificates and host names against the JDK's trust
 * store. Anything weaker must be asked for by name: {@link #trustAll()} exists for throwaway test servers
 * and says so wherever it appears.
 */
public final class TlsTrust {

    private final String description;
    private final KeyStore trustStore; // null: JDK default
    private final boolean trustAll;

    private TlsTrust(String description, KeyStore trustStore, boolean trustAll) {
        this.description = description;
        this.trustStore = trustStore;
        this.trustAll = trustAll;
    }

    private static final TlsTrust JDK_DEFAULT = new TlsTrust("JDK default trust store", null, false);
    private static final TlsTrust TRUST_ALL = new TlsTrust("TRUST ALL (certificates are not verified)", null, true);

    private volatile SSLContext context;
    private final Map<TlsIdentity, SSLContext> withIdentity = new WeakHashMap<>();

    /** Verify against the JDK's default trust store, with host name verification. */
    public static TlsTrust jdkDefault() {
        return JDK_DEFAULT;
    }

    /** Verify against the given trust store (certificates and host names). */
    public static TlsTrust trustStore(KeyStore trustStore) {
        return new TlsTrust("trust store given by the test", Objects.requireNonNull(trustStore), false);
    }

    /** Verify against a trust store file (PKCS12 or JKS, detected by the JDK). */
    public static TlsTrust trustStore(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(file.toFile(), password);
            return new TlsTrust("trust store " + file, ks, false);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trust exactly the certificates in a PEM or DER file (for example a self-signed server certificate). */
    public static TlsTrust certificates(Path certificateFile) {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate found in " + certificateFile);
            }
            return certificates("certificates from " + certificateFile, certs.toArray(new Certificate[0]));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificate " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    /** Trust exactly these certificates. */
    public static TlsTrust certificates(Certificate... certificates) {
        return certificates(certificates.length + " certificate(s) given by the test", certificates);
    }

    private static TlsTrust certificates(String description, Certificate... certificates) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            for (int i = 0; i < certificates.length; i++) {
                ks.setCertificateEntry("trusted-" + i, certificates[i]);
            }
            return new TlsTrust(description, ks, false);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an in-memory trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Accept any certificate and any host name. Only for test servers whose identity does not matter; never
     * the default.
     */
    public static TlsTrust trustAll() {
        return TRUST_ALL;
    }

    /** Whether certificate and host name verification is switched off. */
    public boolean isTrustAll() {
        return trustAll;
    }

    /** The SSL context for this trust, presenting no certificate of its own (built once). */
    public SSLContext sslContext() {
        SSLContext c = context;
        if (c == null) {
            c = buildContext(null);
            context = c;
        }
        return c;
    }

    /**
     * An SSL context with this trust that presents {@code identity} when the peer asks for a certificate:
     * a client's for mutual TLS, or a server's. Built once per identity.
     */
    public SSLContext sslContext(TlsIdentity identity) {
        if (identity == null) {
            return sslContext();
        }
        synchronized (withIdentity) {
            return withIdentity.computeIfAbsent(identity, this::buildContext);
        }
    }

    private SSLContext buildContext(TlsIdentity identity) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] managers;
            if (trustAll) {
                managers = new TrustManager[] {new TrustEverything()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore); // null means the JDK default store
                managers = tmf.getTrustManagers();
            }
            ctx.init(identity == null ? null : identity.keyManagers(), managers, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS (" + description + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
