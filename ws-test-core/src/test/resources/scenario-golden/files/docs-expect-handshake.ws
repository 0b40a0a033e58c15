# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as alice
# docs/scenario-language.md
expect handshake status 101
expect alice handshake header Sec-WebSocket-Protocol = chat.v2
expect handshake header X-Request-Id matches "[0-9a-f-]{36}"
