# Round trip against an echo server: text, JSON, binary, fragments, ping/pong and the closing handshake.
#
# Runs against the embedded echo server it starts itself, so it needs nothing else:
#   ws-test run samples/scenarios/echo.ws
# or against your own echo endpoint:
#   ws-test run samples/scenarios/echo.ws --var BASE=ws://localhost:8080

server echo
var BASE = ${server.url}

scenario "text and JSON come back as sent"
  connect ${BASE}/echo as client
  send text "hello"
  expect text "hello" within 2s
  send json {"type": "greeting", "to": "world", "id": 42}
  expect json {"id": 42, "to": "world", "type": "greeting"}
  capture json $.id as greetingId
  send text "greeting ${greetingId} received"
  expect text matches "greeting \\d+ received"
  close 1000 "done"
  expect closed 1000 "done"

scenario "binary, fragments and control frames"
  connect ${BASE}/echo as client
  send binary hex "ca fe ba be"
  expect binary base64 "yv66vg=="
  send text "a message in three frames" in 3 frames
  expect text "a message in three frames"
  ping "heartbeat"
  expect pong "heartbeat" within 1s
  repeat 3 as n
    send json {"seq": ${n}}
    expect next json $.seq = ${n}
  end
  expect nothing within 200ms
