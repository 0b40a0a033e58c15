package dev.wstest.tls;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * A throwaway key pair and self-signed X.509 certificate made in memory for a test run: no key material in
 * any repository, nothing written to disk unless asked. {@link #localhost()} (for servers) and
 * {@link #client()} (for mutual TLS) are made once per JVM and cached; making one costs a few milliseconds
 * (an EC P-256 key pair and one signature).
 *
 * <pre>{@code
 * GeneratedCertificate cert = GeneratedCertificate.localhost();   // CN=localhost, SAN localhost + 127.0.0.1
 * SSLContext serverSide = cert.keyManagerContext();               // what a wss:// server presents
 * TlsTrust clientSide = cert.trust();                             // trusts exactly this certificate
 * }</pre>
 *
 * <p>Built with the JDK alone (its key generator and signature, plus the few lines of DER below): the JDK
 * has no public API to create certificates, {@code keytool} is not a {@code ToolProvider} and costs a JVM
 * start (~0.4 s) per certificate, Netty's {@code SelfSignedCertificate} needs Bouncy Castle or JDK
 * internals that Java 17 closes, and Bouncy Castle on a user's test classpath changes which provider other
 * libraries pick.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GeneratedCertificate {

    /** What the certificate may be used for (its extended key usage). */
    public enum Usage {
        /** A TLS server ({@code serverAuth}). */
        SERVER,
        /** A TLS client presenting a certificate for mutual TLS ({@code clientAuth}). */
        CLIENT
    }

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final char[] KEY_STORE_PASSWORD = "ws-test".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private volatile SSLContext keyManagerContext;
    private volatile TlsIdentity identity;
    private volatile TlsTrust trust;

    private GeneratedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    private static final class Cached {
        static final GeneratedCertificate LOCALHOST = generate("localhost", List.of("localhost"),
                List.of("127.0.0.1", "::1"), Usage.SERVER);
    }

    private static final class CachedClient {
        static final GeneratedCertificate CLIENT = generate("ws-test client", List.of(), List.of(), Usage.CLIENT);
    }

    /** The JVM's server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made on first use. */
    public static GeneratedCertificate localhost() {
        return Cached.LOCALHOST;
    }

    /** The JVM's client certificate ({@code CN=ws-test client}) for mutual TLS, made on first use. */
    public static GeneratedCertificate client() {
        return CachedClient.CLIENT;
    }

    /**
     * Makes a new self-signed certificate valid from an hour ago for two days.
     *
     * @param commonName  the subject's CN (also the issuer's: it is self-signed)
     * @param dnsNames    subject alternative names of type DNS
     * @param ipAddresses subject alternative names of type IP (literal addresses, e.g. {@code 127.0.0.1})
     */
    public static GeneratedCertificate generate(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                                Usage usage) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(usage, "usage");
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = kpg.generateKeyPair();
            byte[] der = Der.certificate(commonName, dnsNames, ipAddresses, usage, keys);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            cert.verify(keys.getPublic());
            return new GeneratedCertificate(cert, keys.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate for " + commonName + ": "
                    + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate, PEM encoded (for other tools and languages: python's ssl, node's tls, curl). */
    public String certificatePem() {
        return pem("CERTIFICATE", encoded());
    }

    /** The private key as unencrypted PKCS#8 PEM (a throwaway test key; never log it). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** A PKCS12 key store holding the key and certificate under alias {@code ws-test}, password {@code ws-test}. */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("ws-test", privateKey, KEY_STORE_PASSWORD, new X509Certificate[] {certificate});
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store: " + e.getMessage(), e);
        }
    }

    /** The password of {@link #keyStore()}. */
    public static char[] keyStorePassword() {
        return KEY_STORE_PASSWORD.clone();
    }

    /** This certificate and its key as the identity a side presents: a server's, or a client's for mutual TLS. */
    public TlsIdentity identity() {
        TlsIdentity id = identity;
        if (id == null) {
            id = TlsIdentity.of(privateKey, certificate);
            identity = id;
        }
        return id;
    }

    /**
     * An SSL context that presents this certificate (a server's identity, or a client's for mutual TLS) and
     * trusts the JDK default trust store; built once.
     */
    public SSLContext keyManagerContext() {
        SSLContext c = keyManagerContext;
        if (c == null) {
            c = TlsTrust.jdkDefault().sslContext(identity());
            keyManagerContext = c;
        }
        return c;
    }

    /** Client-side trust in exactly this certificate, with host name verification (one per certificate). */
    public TlsTrust trust() {
        TlsTrust t = trust;
        if (t == null) {
            t = TlsTrust.certificates(certificate);
            trust = t;
        }
        return t;
    }

    /** SHA-256 fingerprint of the certificate, as colon-separated hex. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(encoded());
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "generated certificate " + certificate.getSubjectX500Principal().getName() + " (SHA-256 "
                + fingerprint() + ")";
    }

    /** The DER (X.690) encoding of one X.509 v3 certificate: only the forms used here. */
    private static final class Der {
        private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
        private static final String COMMON_NAME = "2.5.4.3";
        private static final String SUBJECT_KEY_ID = "2.5.29.14";
        private static final String KEY_USAGE = "2.5.29.15";
        private static final String SUBJECT_ALT_NAME = "2.5.29.17";
        private static final String BASIC_CONSTRAINTS = "2.5.29.19";
        private static final String AUTHORITY_KEY_ID = "2.5.29.35";
        private static final String EXT_KEY_USAGE = "2.5.29.37";
        private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
        private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
        private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC);

        static byte[] certificate(String cn, List<String> dns, List<String> ips, Usage usage, KeyPair keys)
                throws GeneralSecurityException, IOException {
            byte[] algorithm = seq(oid(ECDSA_WITH_SHA256));
            byte[] name = seq(set(seq(oid(COMMON_NAME), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)))));
            Instant now = Instant.now();
            byte[] validity = seq(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(VALIDITY)));
            byte[] spki = keys.getPublic().getEncoded(); // already a DER SubjectPublicKeyInfo
            byte[] keyId = keyIdentifier(spki);
            ByteArrayOutputStream sans = new ByteArrayOutputStream();
            for (String d : dns) {
                sans.write(tlv(0x82, d.getBytes(StandardCharsets.US_ASCII)));
            }
            for (String ip : ips) {
                sans.write(tlv(0x87, InetAddress.getByName(ip).getAddress()));
            }
            ByteArrayOutputStream ext = new ByteArrayOutputStream();
            ext.write(extension(BASIC_CONSTRAINTS, true, seq()));
            ext.write(extension(KEY_USAGE, true, tlv(0x03, new byte[] {0x07, (byte) 0x80}))); // digitalSignature
            ext.write(extension(EXT_KEY_USAGE, false, seq(oid(usage == Usage.SERVER ? SERVER_AUTH : CLIENT_AUTH))));
            ext.write(extension(SUBJECT_KEY_ID, false, tlv(0x04, keyId)));
            ext.write(extension(AUTHORITY_KEY_ID, false, seq(tlv(0x80, keyId))));
            if (sans.size() > 0) {
                ext.write(extension(SUBJECT_ALT_NAME, false, seq(sans.toByteArray())));
            }
            byte[] serial = new BigInteger(63, RANDOM).add(BigInteger.ONE).toByteArray();
            byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), algorithm, name, validity,
                    name, spki, tlv(0xA3, seq(ext.toByteArray())));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate(), RANDOM);
            signer.update(tbs);
            return seq(tbs, algorithm, bitString(signer.sign()));
        }

        /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
        private static byte[] keyIdentifier(byte[] spki) throws GeneralSecurityException {
            // SubjectPublicKeyInfo ::= SEQUENCE { algorithm SEQUENCE, subjectPublicKey BIT STRING }: the bit
            // string is the last element; for the keys made here its contents are the rest of the encoding.
            int p = headerLength(spki, 0);
            p += headerLength(spki, p) + contentLength(spki, p);
            int bits = p + headerLength(spki, p) + 1; // skip the unused-bits byte
            return MessageDigest.getInstance("SHA-1").digest(java.util.Arrays.copyOfRange(spki, bits, spki.length));
        }

        private static int headerLength(byte[] der, int at) {
            int first = der[at + 1] & 0xff;
            return first < 0x80 ? 2 : 2 + (first & 0x7f);
        }

        private static int contentLength(byte[] der, int at) {
            int first = der[at + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int len = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                len = (len << 8) | (der[at + 2 + i] & 0xff);
            }
            return len;
        }

        private static byte[] extension(String id, boolean critical, byte[] value) throws IOException {
            return critical ? seq(oid(id), tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, value))
                    : seq(oid(id), tlv(0x04, value));
        }

        private static byte[] utcTime(Instant t) {
            return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
        }

        private static byte[] bitString(byte[] bits) {
            byte[] content = new byte[bits.length + 1];
            System.arraycopy(bits, 0, content, 1, bits.length);
            return tlv(0x03, content);
        }

        private static byte[] oid(String dotted) {
            String[] parts = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
            for (int i = 2; i < parts.length; i++) {
                long v = Long.parseLong(parts[i]);
                int groups = 1;
                while ((v >>> (7 * groups)) != 0) {
                    groups++;
                }
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((v >>> (7 * g)) & 0x7f) | (g == 0 ? 0 : 0x80));
                }
            }
            return tlv(0x06, out.toByteArray());
        }

        private static byte[] seq(byte[]... parts) throws IOException {
            return tlv(0x30, concat(parts));
        }

        private static byte[] set(byte[]... parts) throws IOException {
            return tlv(0x31, concat(parts));
        }

        private static byte[] concat(byte[]... parts) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.write(p);
            }
            return out.toByteArray();
        }

        private static byte[] tlv(int tag, byte[] content) {
            int n = content.length;
            int lengthBytes = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
            byte[] out = new byte[2 + lengthBytes + n];
            out[0] = (byte) tag;
            if (lengthBytes == 0) {
                out[1] = (byte) n;
            } else {
                out[1] = (byte) (0x80 | lengthBytes);
                for (int i = 0; i < lengthBytes; i++) {
                    out[2 + i] = (byte) (n >>> (8 * (lengthBytes - 1 - i)));
                }
            }
            System.arraycopy(content, 0, out, 2 + lengthBytes, n);
            return out;
        }
    }
}
