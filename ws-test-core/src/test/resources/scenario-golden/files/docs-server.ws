server broadcast as room subprotocol chat.v2
var BASE = ${room.url}        # use the embedded server unless --var BASE=... names another
server broadcast as feed max-message-size 16MiB send-timeout 2s
