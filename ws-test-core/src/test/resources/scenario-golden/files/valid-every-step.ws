# Every command and option of the language, once each, in one file (not run: the golden test only parses it)
var ROOM = lobby
var LONG.name_1 = "quoted value with ${ROOM}"
var JSONV = {"a": [1, 2]}
setup
  server echo
  server broadcast as hub subprotocol chat.v1 subprotocol chat.v2
  server echo as srv-2

scenario "connect options"
  connect ${server.url}
  connect ${hub.url}/${ROOM} as alice header "Authorization: Bearer ${TOKEN}" subprotocol chat.v2 timeout 3s
  connect "${BASE}/with space" as bob header "X-Trace: visible" header "Cookie: a=1" subprotocol ${ROOM} subprotocol "quoted.v3" timeout 1.5s trust all
  connect wss://127.0.0.1:1/x as carol trust "certs/ca.pem"
  connect wss://127.0.0.1:1/x as dave trust "${ROOM}.pem" timeout 1m
  connect WS://127.0.0.1:1/upper as erin
  connect ${URL:-ws://127.0.0.1:1/} as frank
  connect ws://127.0.0.1:1/#not-a-comment as gina # a comment
  connect ws://127.0.0.1:1/ as alice
  connect ws://127.0.0.1:1/

scenario "send forms"
  connect ${server.url} as a
  connect ${server.url} as b
  send text "hi"
  send a text "hi ${ROOM}"
  send b text "a long message" in 3 frames
  send text "one" in 1 frame
  send json {"type": "say", "text": "hi"}
  send a json [1, 2, {"x": null}]
  send json {"n": ${ROOM:-1}, "s": "${ROOM}"}
  send binary hex "0a ff 10"
  send binary hex "0A:FF:10"
  send binary base64 "AQID"
  send binary file "payload.bin"
  send binary file "${ROOM}.bin" file "two.bin"
  send binary hex "01" hex "02" hex ""
  send binary base64 "AQ==" base64 "Ag=="
  send binary hex "${ROOM}"
  send fragments "frag" "ment" "ed"
  send b fragments "only one"
  ping
  ping a
  ping "hb"
  ping hex "0102"
  ping base64 "AQI="
  ping b hex "${ROOM}"
  pong
  pong "heartbeat"
  pong a base64 "AQ=="
  close
  close 1000
  close b 4001 "bye"
  close a 3000 "${ROOM}"
  close 1001

scenario "expect forms"
  connect ${server.url} as a
  connect ${server.url} as b
  expect text "hi"
  expect a text contains "h" within 2s
  expect text matches "h.*" within 500ms
  expect next text "hi"
  expect b next text contains "x"
  expect next text matches "${ROOM}.*"
  expect json {"a": 1}
  expect json contains {"a": 1}
  expect json $.a = 1
  expect json $.user.name = "bob" within 1s
  expect json $['a'][0] = [1, 2]
  expect json $['b'][-1] = {"x": true}
  expect json $.ok = true
  expect json $.no = null
  expect json $.f = -1.5e3
  expect json $.v = ${ROOM}
  expect json $.q = "${ROOM}"
  expect json $ = {"whole": 1}
  expect next json {"a": 1}
  expect b next json $.a = 2 within 100ms
  expect next json contains {"a": [1]}
  expect binary hex "0a"
  expect binary base64 "AQID" within 1s
  expect binary file "expected.bin"
  expect next binary hex "ff"
  expect ping
  expect ping "p" within 1s
  expect a ping hex "01"
  expect pong
  expect pong "hb" within 1s
  expect pong hex "0102"
  expect b pong base64 "AQ=="
  expect closed
  expect closed within 3s
  expect closed 1000
  expect closed 1006
  expect closed 4001 "bye" within 3s
  expect closed 1000 "${ROOM}"
  expect nothing within 500ms
  expect nothing for 1s
  expect no message within 1s
  expect a no messages for 2s
  expect handshake status 101
  expect b handshake header Sec-WebSocket-Protocol = chat.v2
  expect handshake header X-Id
  expect handshake header "X-Quoted" = "a value"
  expect handshake header X-Id matches "[a-f0-9]+"
  expect handshake header ${ROOM} matches "${ROOM}"
  expect subprotocol chat.v2
  expect a subprotocol "${ROOM}"
  expect no subprotocol
  expect b no subprotocol

scenario "captures, repeat, sleep"
  connect ${server.url} as a
  capture json $.id as id
  capture a json $.user['name'] as user.name
  capture regex "id=(\\d+)" as n
  capture a regex "${id}" as again
  send text "${id} ${user.name} ${n} ${again}"
  repeat 3 as i
    send text "n${i}"
    repeat 2
      expect text "n${i}"
    end
  end
  repeat 1000000
  end
  sleep 100ms
  wait 1.5s
  sleep 0ms
  sleep 1440m
  var ROOM = changed

scenario "limits, strictness and how connections end"
  server echo as limited max-message-size 16MiB send-timeout 2s
  server broadcast as slow send-timeout 1.5s max-message-size 65536
  connect ${limited.url} as big max-message-size 512KiB
  connect ${slow.url} as watcher lenient max-message-size 1GiB timeout 2s
  expect no violations
  expect big no violations
  expect closed cleanly
  expect big closed uncleanly within 3s
  expect closed abnormally within 500ms
