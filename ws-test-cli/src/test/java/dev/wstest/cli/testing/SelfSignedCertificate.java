package dev.wstest.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Copied from ws-test-core's test sources (test classes are not shared between modules).
 *
 * A throwaway self-signed certificate for localhost/127.0.0.1, made with the JDK's own keytool (the JDK
 * has no public API to create certificates, and a crypto library is not worth a dependency for tests).
 */
public final class SelfSignedCertificate {

    public static final char[] PASSWORD = "changeit".toCharArray();

    private final Path keyStoreFile;
    private final Path certificateFile;

    private SelfSignedCertificate(Path keyStoreFile, Path certificateFile) {
        this.keyStoreFile = keyStoreFile;
        this.certificateFile = certificateFile;
    }

    public static SelfSignedCertificate create(Path dir) {
        Path ks = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(),
                "-storepass", new String(PASSWORD), "-file", pem.toString()));
        return new SelfSignedCertificate(ks, pem);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public KeyStore keyStore() {
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate alone, PEM encoded. */
    public Path certificateFile() {
        return certificateFile;
    }
}
