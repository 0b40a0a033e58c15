package dev.wstest.scenario.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wstest.syntax.SizeSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apiguardian.api.API;

/**
 * Reads files a scenario names (includes, binary payloads, certificates) relative to the scenario. Only regular
 * files are read, and only up to a size: a directory, a device ({@code /dev/zero}), a FIFO or a file over the
 * limit is refused with an {@link UnsuitableFile} before anything is read, so that no file can hang the
 * loader or fill the heap.
 */
@API(status = INTERNAL, since = "0.1")
public interface Resources {

    /** The largest scenario file loaded or included: 4 MiB. */
    long MAX_SCENARIO_BYTES = 4L * 1024 * 1024;

    /** The largest other file read (payloads, certificates): the largest message a connection accepts, 1 GiB. */
    long MAX_FILE_BYTES = SizeSyntax.MAX;

    /** A file that is not a regular file, or too big; the message says what it is ("a directory"). */
    final class UnsuitableFile extends IOException {
        private static final long serialVersionUID = 1L;

        public UnsuitableFile(String what) {
            super(what);
        }
    }

    /** The bytes of a path relative to the scenario file (or absolute), at most {@code maxBytes} of them. */
    byte[] read(String path, long maxBytes) throws IOException;

    /** The bytes of a path relative to the scenario file (or absolute), at most {@link #MAX_FILE_BYTES}. */
    default byte[] read(String path) throws IOException {
        return read(path, MAX_FILE_BYTES);
    }

    /** How the path reads in messages. */
    String describe(String path);

    /** Resources relative to the given file (for includes). */
    Resources relativeTo(String path);

    /** The name a loaded path is known by in messages and positions. */
    default String sourceName(String path) {
        return describe(path);
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}.
     *
     * @throws UnsuitableFile if it is a directory, a device, a FIFO or a socket, or bigger than {@code maxBytes}
     */
    static byte[] readFile(Path file, long maxBytes) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class); // follows links
        if (a.isDirectory()) {
            throw new UnsuitableFile("a directory");
        }
        if (!a.isRegularFile()) {
            throw new UnsuitableFile("a device, FIFO or socket, not a regular file");
        }
        if (a.size() > maxBytes) {
            throw tooBig(a.size());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readAtMost(in, maxBytes);
        }
    }

    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new UnsuitableFile("a file of more than " + SizeSyntax.format(maxBytes)); // it grew meanwhile
        }
        return bytes;
    }

    private static UnsuitableFile tooBig(long size) {
        return new UnsuitableFile("a file of " + (size % 1024 == 0 ? SizeSyntax.format(size) : size + " bytes"));
    }

    /** Relative to a directory of the file system. */
    static Resources directory(Path dir) {
        return new Resources() {
            @Override
            public byte[] read(String path, long maxBytes) throws IOException {
                return readFile(dir.resolve(path), maxBytes);
            }

            @Override
            public String describe(String path) {
                return dir.resolve(path).normalize().toString();
            }

            @Override
            public Resources relativeTo(String path) {
                Path parent = dir.resolve(path).normalize().getParent();
                return directory(parent == null ? dir : parent);
            }
        };
    }

    /** Relative to a classpath folder ("" for the root). */
    static Resources classpath(ClassLoader loader, String folder) {
        String base = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        return new Resources() {
            private String resolve(String path) {
                if (path.startsWith("/")) {
                    return path.substring(1);
                }
                return Path.of("/" + base + path).normalize().toString().substring(1).replace('\\', '/');
            }

            @Override
            public byte[] read(String path, long maxBytes) throws IOException {
                URL url = loader.getResource(resolve(path));
                if (url == null) {
                    throw new java.io.FileNotFoundException("no classpath resource " + resolve(path));
                }
                if (url.getProtocol().equals("file")) {
                    try {
                        return readFile(Path.of(url.toURI()), maxBytes);
                    } catch (URISyntaxException | IllegalArgumentException notAPath) {
                        // read it as a stream below
                    }
                }
                try (InputStream in = url.openStream()) {
                    return readAtMost(in, maxBytes);
                }
            }

            @Override
            public String describe(String path) {
                return "classpath:" + resolve(path);
            }

            @Override
            public String sourceName(String path) {
                return resolve(path);
            }

            @Override
            public Resources relativeTo(String path) {
                String r = resolve(path);
                int slash = r.lastIndexOf('/');
                return classpath(loader, slash < 0 ? "" : r.substring(0, slash));
            }
        };
    }
}
