# Recorded by ws-test session on 2026-11-21T14:03:05Z.
# Replay: ws-test run echo.ws (--var URL=... to point it elsewhere)
# Secret header and query parameter values were not recorded; give them when running, e.g.
#   ws-test run FILE --var AUTHORIZATION=...

var URL = ws://localhost:8080/echo
connect ${URL} header "Authorization: ${AUTHORIZATION}"
send text "hello"
expect text "hello"
close 1000
expect closed 1000
