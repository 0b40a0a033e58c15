package dev.wstest.assertions.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** How close two texts are, to point at the "closest" message in a failure. */
@API(status = INTERNAL, since = "0.1")
public final class Similarity {

    private static final int LIMIT = 256;

    private Similarity() {
    }

    /** 1.0 for equal texts, towards 0.0 for unrelated ones (normalised edit distance of the first 256 chars). */
    public static double of(String a, String b) {
        String x = a.length() > LIMIT ? a.substring(0, LIMIT) : a;
        String y = b.length() > LIMIT ? b.substring(0, LIMIT) : b;
        int max = Math.max(x.length(), y.length());
        if (max == 0) {
            return 1.0;
        }
        return 1.0 - (double) distance(x, y) / max;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
