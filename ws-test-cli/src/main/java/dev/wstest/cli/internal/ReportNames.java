package dev.wstest.cli.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * How reports name a scenario file: its path for CI annotations (relative to the working directory when it
 * is under it, as CI checkouts are) and a dotted class name relative to the folder it was found in
 * ({@code ws-test run scenarios/} names {@code scenarios/chat/login.ws} {@code chat.login}), so that Jenkins,
 * GitLab and GitHub group scenarios by file instead of showing one class named after an absolute path.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportNames {

    private final Path workDir;
    private final Map<Path, Path> rootOf = new HashMap<>();

    public ReportNames(Path workDir) {
        this.workDir = real(workDir);
    }

    /** Registers a file found under {@code root} (a folder given on the command line, or the file's folder). */
    public void add(Path file, Path root) {
        rootOf.put(real(file), real(root));
    }

    /** The file's path for reports: relative to the working directory if under it, else absolute. */
    public String path(String source) {
        Path p = real(Path.of(source));
        return (p.startsWith(workDir) ? workDir.relativize(p) : p).toString();
    }

    /** The file's class name: its path below its root, without {@code .ws}, with dots between folders. */
    public String className(String source) {
        Path p = real(Path.of(source));
        Path root = rootOf.get(p);
        Path rel = root != null && p.startsWith(root) ? root.relativize(p) : p.getFileName();
        StringJoiner name = new StringJoiner(".");
        for (int i = 0; i < rel.getNameCount(); i++) {
            String segment = rel.getName(i).toString();
            if (i == rel.getNameCount() - 1 && segment.endsWith(".ws")) {
                segment = segment.substring(0, segment.length() - 3);
            }
            name.add(segment.replace('.', '_'));
        }
        return name.toString();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
