package dev.wstest.server.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;

/**
 * Tyrus's default {@code ServerEndpointConfig.Configurator}, under a ws-test name so that the fallback
 * registration ({@code dev/wstest/server/default-configurator}) names a class that shading does not rename.
 * Internal: found through that registration only, never on the user's classpath as a service.
 */
@API(status = INTERNAL, since = "0.1")
public final class TyrusDefaultConfigurator extends TyrusServerEndpointConfigurator {
}
