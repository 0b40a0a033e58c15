package dev.wstest.client.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.record.FrameRecorder;
import dev.wstest.tyrus.TappedTransport;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus client container (selected by class name in {@code ClientManager.createClient}) that delegates to
 * Grizzly and taps the connection through the public Tyrus SPI: it sees the upgrade request and response
 * (including refused ones, with their headers) and every byte after the handshake.
 */
@API(status = INTERNAL, since = "0.1")
public final class TappingClientContainer implements ClientContainer {

    private final ClientContainer delegate = new GrizzlyClientContainer();

    @Override
    public void openClientSocket(ClientEndpointConfig cec, Map<String, Object> properties, ClientEngine engine)
            throws DeploymentException, IOException {
        Object tap = cec.getUserProperties().get(ClientTap.USER_PROPERTY);
        delegate.openClientSocket(cec, properties,
                tap instanceof ClientTap ? new TappingEngine(engine, (ClientTap) tap) : engine);
    }

    private static final class TappingEngine implements ClientEngine {
        private final ClientEngine delegate;
        private final ClientTap tap;

        TappingEngine(ClientEngine delegate, ClientTap tap) {
            this.delegate = delegate;
            this.tap = tap;
        }

        @Override
        public UpgradeRequest createUpgradeRequest(TimeoutHandler timeoutHandler) {
            ConnectAttempts.probeSharedTransport();
            ConnectAttempts.Attempt attempt = new ConnectAttempts.Attempt();
            tap.connecting(attempt::abandon);
            UpgradeRequest request = delegate.createUpgradeRequest(timeoutHandler);
            tap.requestPrepared(request.getRequestUri(), request.getHeaders());
            return new MarkingRequest(request, attempt);
        }

        @Override
        public ClientUpgradeInfo processResponse(UpgradeResponse response, Writer writer,
                                                 Connection.CloseListener closeListener) {
            tap.responseReceived(response.getStatus(), response.getReasonPhrase(), response.getHeaders());
            if (response.getStatus() != 101) {
                return delegate.processResponse(response, writer, closeListener);
            }
            String refusal = tap.refusal();
            if (refusal != null) {
                // Tyrus would swallow an extension's objection and wait for the handshake timeout; fail now
                delegate.processError(new DeploymentException(refusal));
                return new ClientUpgradeInfo() {
                    @Override
                    public ClientUpgradeStatus getUpgradeStatus() {
                        return ClientUpgradeStatus.UPGRADE_REQUEST_FAILED;
                    }

                    @Override
                    public Connection createConnection() {
                        return null;
                    }
                };
            }
            FrameRecorder recorder = tap.upgraded();
            TappedTransport.TappedWriter tappedWriter = TappedTransport.writer(writer, recorder,
                    tap.closingHandshake());
            ClientUpgradeInfo info = delegate.processResponse(response, tappedWriter, closeListener);
            return new ClientUpgradeInfo() {
                @Override
                public ClientUpgradeStatus getUpgradeStatus() {
                    return info.getUpgradeStatus();
                }

                @Override
                public Connection createConnection() {
                    Connection connection = info.createConnection();
                    return connection == null ? null
                            : TappedTransport.connection(connection, recorder, tappedWriter, tap::transportClosed,
                                    tap.closingHandshake());
                }
            };
        }

        @Override
        public void processError(Throwable t) {
            delegate.processError(t);
        }
    }

    /**
     * The upgrade request as Grizzly sees it: reading its headers marks the thread, because Tyrus's client
     * filter reads them and writes the request in one call (see {@link ConnectAttempts}).
     */
    private static final class MarkingRequest extends UpgradeRequest {
        private final UpgradeRequest delegate;
        private final ConnectAttempts.Attempt attempt;

        MarkingRequest(UpgradeRequest delegate, ConnectAttempts.Attempt attempt) {
            this.delegate = delegate;
            this.attempt = attempt;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            attempt.writing();
            return delegate.getHeaders();
        }

        @Override
        public String getHeader(String name) {
            return delegate.getHeader(name);
        }

        @Override
        public String getRequestUri() {
            return delegate.getRequestUri();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public Principal getUserPrincipal() {
            return delegate.getUserPrincipal();
        }

        @Override
        public URI getRequestURI() {
            return delegate.getRequestURI();
        }

        @Override
        public boolean isUserInRole(String role) {
            return delegate.isUserInRole(role);
        }

        @Override
        public Object getHttpSession() {
            return delegate.getHttpSession();
        }

        @Override
        public Map<String, List<String>> getParameterMap() {
            return delegate.getParameterMap();
        }

        @Override
        public String getQueryString() {
            return delegate.getQueryString();
        }
    }
}
