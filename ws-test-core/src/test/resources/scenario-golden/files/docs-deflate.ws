# docs/scenario-language.md
connect ${BASE}/feed as feed deflate
connect ${BASE}/feed as fresh deflate server_no_context_takeover client_max_window_bits
expect feed handshake extension permessage-deflate
expect fresh handshake extension permessage-deflate server_no_context_takeover
