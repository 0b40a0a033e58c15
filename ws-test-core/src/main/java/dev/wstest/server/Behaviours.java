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
            for (ServerConnection c : connection.server().broadcastTargets()) {
                try {
                    c.sendTextWhenOpen(text);
                } catch (IllegalStateException | UnsupportedOperationException notReachable) {
                    // a receiver that went away while we broadcast is not the sender's problem
                }
            }
        }

        @Override
        public void onBinary(ServerConnection connection, byte[] data) {
            for (ServerConnection c : connection.server().broadcastTargets()) {
                try {
                    c.sendBinaryWhenOpen(data);
                } catch (IllegalStateException | UnsupportedOperationException notReachable) {
                    // as above
                }
            }
        }

        @Override
        public String toString() {
            return "broadcast";
        }
    };
}
