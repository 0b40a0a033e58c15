var ROOM = lobby
setup
server echo as srv
connect ${srv.url}/shared as shared
