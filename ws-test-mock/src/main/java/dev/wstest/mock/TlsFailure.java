package dev.wstest.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A TLS handshake the mock saw fail, for instance a client without a certificate under mutual TLS.
 *
 * @param peer    the client's address
 * @param message what the TLS engine reported
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TlsFailure(String peer, String message) {
}
