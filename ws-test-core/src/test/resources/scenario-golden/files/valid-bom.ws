connect ws://127.0.0.1:1/
send text "after a byte order mark"
