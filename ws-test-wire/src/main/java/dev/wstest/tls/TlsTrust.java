package dev.wstest.tls;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apiguardian.api.API;

/**
 * Which server certificates a {@code wss://} client accepts, and whether the certificate must be issued for
 * the host name connected to.
 *
 * <p>This class is the one definition of each mode; every path that opens {@code wss://} ({@code WsClient},
 * {@code RawClient}, the conformance runner, a scenario's {@code connect}, the CLI's {@code --ca} and
 * {@code -k}) takes both its certificates and its host-name rule from here, so a mode means the same
 * everywhere:
 * <ul>
 *   <li>{@link #jdkDefault()} (the default): the JDK's trust store; host names verified.</li>
 *   <li>{@link #trustStore} / {@link #certificates}: exactly what you give; host names verified.</li>
 *   <li>{@link #trustAll()}: any certificate for any host name. Must be asked for by name; it exists for
 *   throwaway test servers and says so wherever it appears.</li>
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TlsTrust {

    private final String description;
    private final KeyStore trustStore; // null: JDK default
    private final boolean trustAll;

    private TlsTrust(String description, KeyStore trustStore, boolean trustAll) {
        this(description, trustStore, trustAll, null);
    }

    private TlsTrust(String description, KeyStore trustStore, boolean trustAll, SSLContext given) {
        this.description = description;
        this.trustStore = trustStore;
        this.trustAll = trustAll;
        this.context = given;
        this.given = given != null;
    }

    private static final TlsTrust JDK_DEFAULT = new TlsTrust("JDK default trust store", null, false);
    private static final TlsTrust TRUST_ALL = new TlsTrust("TRUST ALL (certificates are not verified)", null, true);

    private volatile SSLContext context;
    private final Map<TlsIdentity, SSLContext> withIdentity = new WeakHashMap<>();
    private final boolean given; // of(SSLContext): the test's context, which this class cannot rebuild

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
     * Verify with the trust managers of this SSL context (for trust rules the other modes do not cover);
     * host names are verified as in every mode but {@link #trustAll()}.
     */
    public static TlsTrust of(SSLContext context) {
        return new TlsTrust("the SSL context given by the test", null, false, Objects.requireNonNull(context, "context"));
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

    /** Whether the server's certificate must be issued for the host name connected to (all modes but trustAll). */
    public boolean verifiesHostNames() {
        return !trustAll;
    }

    /** Applies this mode's host-name rule to the parameters of a client-side TLS socket or engine. */
    public SSLParameters applyTo(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm(verifiesHostNames() ? "HTTPS" : null);
        return parameters;
    }

    /**
     * One sentence for a failed TLS handshake with {@code host}: what was wrong with the certificate (not
     * trusted, or not issued for that host name), what was trusted, and what to do about it. Every path
     * that opens wss:// reports TLS failures with it, so they read the same everywhere.
     */
    public String explainFailure(Throwable failure, String host) {
        String cause = rootMessage(failure);
        String lower = cause.toLowerCase(Locale.ROOT);
        String problem;
        String hint;
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            problem = "the server's certificate is not valid for the host name \"" + host + "\"";
            hint = "Connect with a host name the certificate was issued for or, if its identity does not matter,"
                    + " use TlsTrust.trustAll().";
        } else if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("not trusted")
                || find(failure, CertificateException.class) != null) {
            problem = "the server's certificate is not trusted";
            hint = "For a test server with a self-signed certificate, trust exactly that certificate with"
                    + " TlsTrust.certificates(...) or, if its identity does not matter, TlsTrust.trustAll().";
        } else {
            problem = "the connection to " + host + " could not be secured";
            hint = "Check that the server speaks TLS on this port.";
        }
        return "the TLS handshake failed: " + problem + " (" + cause + "). Trusting: " + description + ". " + hint;
    }

    private static String rootMessage(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message != null ? message : t.getClass().getSimpleName();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
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
     *
     * @throws IllegalArgumentException for a {@link #of(SSLContext)} trust: that context has its own key
     *                                  managers, so put the certificate into it
     */
    public SSLContext sslContext(TlsIdentity identity) {
        if (identity == null) {
            return sslContext();
        }
        if (given) {
            throw new IllegalArgumentException("a client certificate cannot be added to TlsTrust.of(SSLContext):"
                    + " build that SSLContext with the certificate's key managers instead");
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

    /**
     * Accepts every chain for every host. An extended trust manager, so that the JDK does not wrap it in one
     * that checks host names on its own whenever a socket asks for endpoint identification.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
