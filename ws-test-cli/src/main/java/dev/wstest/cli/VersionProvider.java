package dev.wstest.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = WsTestCli.class.getPackage().getImplementationVersion();
        return new String[] {"ws-test " + (v != null ? v : "(development build)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
