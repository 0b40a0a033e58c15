package dev.wstest.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.apiguardian.api.API;

/** {@code Sec-WebSocket-Key} generation and the {@code Sec-WebSocket-Accept} computation (RFC 6455 section 4). */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HandshakeKeys {

    /** The GUID the RFC appends to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HandshakeKeys() {
    }

    /** A fresh key: 16 random bytes, base64-encoded. */
    public static String generateKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** base64(SHA-1(key + GUID)): what the server must answer in {@code Sec-WebSocket-Accept}. */
    public static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
