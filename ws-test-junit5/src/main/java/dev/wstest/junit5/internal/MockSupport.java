package dev.wstest.junit5.internal;

import dev.wstest.junit5.MockServer;
import dev.wstest.record.Redactor;
import dev.wstest.server.RecordingServer;

/**
 * Whether ws-test-mock is on the test classpath, and the way to it. This class names no type of ws-test-mock, so
 * it loads without it; everything that does is in {@link MockServers}, reached only once a mock is in play.
 */
final class MockSupport {

    static final String MOCK_CLASS = "dev.wstest.mock.MockWsServer";

    private static volatile Boolean available;

    private MockSupport() {
    }

    /** Whether ws-test-mock can be loaded (its Netty is shaded into its jar). */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Class.forName(MOCK_CLASS, false, MockSupport.class.getClassLoader());
                a = true;
            } catch (ClassNotFoundException | LinkageError e) {
                a = false;
            }
            available = a;
        }
        return a;
    }

    /** A field or parameter type is the mock server's (compared by name: the class may not be there). */
    static boolean isMockType(Class<?> type) {
        return type.getName().equals(MOCK_CLASS);
    }

    static boolean isMock(Object server) {
        return server != null && isMockType(server.getClass());
    }

    /** Fails with the dependency to add, unless ws-test-mock is on the classpath. */
    static void require(Site site) {
        if (!available()) {
            throw site.misuse(MockServer.class, "the mock server needs ws-test-mock on the test classpath, which"
                    + " ws-test-junit5 does not bring (so that those who do not use the mock never carry it). Add"
                    + " the dependency dev.wstest:ws-test-mock with <scope>test</scope> (its version comes from"
                    + " ws-test-bom).");
        }
    }

    static ManagedServer managed(String name, RecordingServer server, String origin, Redactor redactor) {
        return MockServers.managed(name, server, origin, redactor);
    }
}
