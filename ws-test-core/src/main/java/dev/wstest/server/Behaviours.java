package dev.wstest.server;

/** The built-in behaviours. */
final class Behaviours {

    private Behaviours() {
    }

    static final ServerBehaviour ECHO = new ServerBehaviour() {
        @Override
        public boolean handlesParts() {
            return true;
        }

        @Override
        public void onTextPart(ServerConnection connection, String part, boolean last) {
            connection.sendTextPart(part, last);
        }

        @Override
        public void onBinaryPart(ServerConnection connection, byte[] part, boolean last) {
            connection.sendBinaryPart(part, last);
        }

        @Override
        public String toString() {
            return "echo";
        }
    };

    static final ServerBehaviour BROADCAST = new ServerBehaviour() {
        @Override
        public void onText(ServerConnection connection, String text) {
            toAll(connection, c -> c.broadcastText(text));
        }

        @Override
        public void onBinary(ServerConnection connection, byte[] data) {
            toAll(connection, c -> c.broadcastBinary(data));
        }

        @Override
        public String toString() {
            return "broadcast";
        }
    };

    private static void toAll(ServerConnection sender, java.util.function.Consumer<ServerConnection> send) {
        for (ServerConnection c : sender.server().broadcastTargets()) {
            try {
                send.accept(c);
            } catch (IllegalStateException | UnsupportedOperationException notReachable) {
                // a receiver that went away while we broadcast is not the sender's problem
            }
        }
    }
}
