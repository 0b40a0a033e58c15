package dev.wstest.scenario.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files a scenario names (includes, binary payloads, certificates) relative to the scenario. */
public interface Resources {

    /** The bytes of a path relative to the scenario file (or absolute). */
    byte[] read(String path) throws IOException;

    /** How the path reads in messages. */
    String describe(String path);

    /** Resources relative to the given file (for includes). */
    Resources relativeTo(String path);

    /** The name a loaded path is known by in messages and positions. */
    default String sourceName(String path) {
        return describe(path);
    }

    /** Relative to a directory of the file system. */
    static Resources directory(Path dir) {
        return new Resources() {
            @Override
            public byte[] read(String path) throws IOException {
                return Files.readAllBytes(dir.resolve(path));
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
            public byte[] read(String path) throws IOException {
                try (InputStream in = loader.getResourceAsStream(resolve(path))) {
                    if (in == null) {
                        throw new java.io.FileNotFoundException("no classpath resource " + resolve(path));
                    }
                    return in.readAllBytes();
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
