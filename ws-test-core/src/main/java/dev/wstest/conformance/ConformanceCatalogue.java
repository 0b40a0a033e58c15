package dev.wstest.conformance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The built-in cases: all 517 of Autobahn|Testsuite's server cases, each sent and judged as Autobahn's
 * case of the same id (crossbario/autobahn-testsuite, {@code autobahntestsuite/case/*.py}), and ws-test's
 * own cases under ids "ws.N", which Autobahn's client cannot send.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceCatalogue {

    private ConformanceCatalogue() {
    }

    /** Every built-in case, in id order (Autobahn's categories 1-13, then ws-test's own). */
    public static List<ConformanceCase> all() {
        return ALL;
    }

    /** The built-in cases by category. */
    public static Map<Category, List<ConformanceCase>> byCategory() {
        Map<Category, List<ConformanceCase>> map = new EnumMap<>(Category.class);
        for (ConformanceCase c : ALL) {
            map.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
        }
        return map;
    }

    /** The case with this id. */
    public static ConformanceCase byId(String id) {
        for (ConformanceCase c : ALL) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no conformance case " + id + "; ids run from " + ALL.get(0).id()
                + " to " + ALL.get(ALL.size() - 1).id());
    }

    // ---------------------------------------------------------------- helpers shared by the case families

    static ConformanceCase.Builder c(String id, Category cat, String description, String requirement) {
        return ConformanceCase.builder(id, cat).description(description).requirement(requirement);
    }

    static byte[] fill(int n, int b) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    /** {@code pattern} repeated to {@code length} bytes, as Autobahn's {@code payload_len}. */
    static byte[] repeat(byte[] pattern, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hexString(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length && i < 16; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return b.length > 16 ? sb + " ..." : sb.toString();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String size(int n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }

    /** Orders ids numerically part by part; "ws" ids after all numbered ones. */
    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(rank(x[i]), rank(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int rank(String part) {
        return part.equals("ws") ? Integer.MAX_VALUE : Integer.parseInt(part);
    }

    // initialised last: the case families use the helpers above
    private static final List<ConformanceCase> ALL;

    static {
        List<ConformanceCase> all = new ArrayList<>();
        FramingCases.addTo(all);
        FrameRuleCases.addTo(all);
        Utf8Cases.addTo(all);
        CloseCases.addTo(all);
        LimitCases.addTo(all);
        CompressionCases.addTo(all);
        OwnCases.addTo(all);
        all.sort((p, q) -> compareIds(p.id(), q.id()));
        ALL = Collections.unmodifiableList(all);
    }
}
