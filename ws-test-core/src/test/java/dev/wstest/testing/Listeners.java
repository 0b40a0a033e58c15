package dev.wstest.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether <em>this JVM</em> still listens on a TCP port. A freed ephemeral port can be bound again by any other
 * process on a shared machine at once, so "connecting fails" is not a sound check that our server let it go. On
 * Linux this reads the listening sockets in {@code /proc/net/tcp{,6}} and keeps those whose inode is one of this
 * process's file descriptors; elsewhere it falls back to trying to connect.
 */
public final class Listeners {

    private static final String LISTEN = "0A";

    private Listeners() {}

    public static boolean thisProcessListensOn(int port) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return anyoneListensOn(port);
        }
        Set<String> ownSockets = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(fds)) {
            for (Path fd : dir) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownSockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not a listener of ours any more
                }
            }
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN) && ownSockets.contains(f[9])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyoneListensOn(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
