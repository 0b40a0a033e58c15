include "_include-common.ws"
include "sub/_include-nested.ws"
scenario "uses the shared steps"
  connect ${srv.url}/${ROOM} as c
  send text "${NESTED} ${INNER}"
scenario "again"
  connect ${srv.url}
