server broadcast as room subprotocol chat.v2
var BASE = ${server.url}      # use the embedded server unless --var BASE=... names another
