package dev.wstest.conformance;

/** Case id patterns: an exact id ("2.5", "ws.1"), or a prefix ending in ".*" ("6.4.*", "ws.*"), or "*". */
final class IdPattern {

    private IdPattern() {
    }

    static String check(String pattern) {
        if (pattern == null || !pattern.matches("\\*|(ws|\\d+)(\\.\\d+)*(\\.\\*)?")) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a case id pattern; use an id such as"
                    + " \"2.5\" or \"ws.1\", a prefix such as \"6.4.*\" or \"7.*\", or \"*\"");
        }
        return pattern;
    }

    static boolean matches(String pattern, String id) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return id.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(id);
    }
}
