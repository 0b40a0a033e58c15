server broadcast as room subprotocol chat.v2
var BASE = ${room.url}        # use the embedded server unless --var BASE=... names another
