# Every form of server mock, expect NAME received and connect expect refused, with the options in between
server mock as m tls client certificate lenient
  require header Authorization
  require header X-Key = "${KEY}" else 403
  require header X-Other = plain else 401 header "WWW-Authenticate: Bearer" header "X-A: b" body "no"
  refuse 503
  refuse first 2 307 header "Location: ws://127.0.0.1:1/elsewhere"
  subprotocols "a.v1" b.v2
  response header "X-Server: ${KEY}"
  on connect send text "hi ${connection} ${path} ${header.X-Client} ${cookie.sid:-none} ${KEY}"
  on text "a" send text "literal $${not.a.ref} \$5" in 2 fragments
  on text contains "b" send json {"id": "${$.id}", "n": ${$.args[0]}}
  on text matches "c(\\d+)" send text "${group.1}" then pause 1s then close
  on json {"x": 1} send binary base64 "AQID"
  on json contains {"y": [1, 2]} send ping
  on json $.z = null send ping hex "00 ff" then drop
  on binary hex "ca fe" every 50ms send text "t${n}" then close 4001
  on binary base64 "AQ==" every 1s send json {"n": ${n}} times 2
  on any message fault reserved-bits then fault reset
  after 1 message close 3000 "r"
  after 5 messages fault second-close
  unmatched ignore
  ping every 1s
  withhold pongs
  never answer close
  stall
  reply delay 0ms
  replay "recorded.ws"
end
server mock
end
connect ${m.url}/x trust m client certificate
connect ${mock.url}/y as y
expect m received text "a"
expect m received next text contains "b" within 1s
expect m received connection 2 next json $.a = 1
expect m received binary hex "01"
expect m received ping
expect m received pong "p" within 2s
expect m received ping hex "01"
expect m received close
expect m received close 1000 within 1s
expect m received nothing within 100ms
expect m received handshake header Authorization
expect m received handshake header X-Key = "${KEY}"
expect m received handshake header X-Other matches "pl.*"
expect m received 2 connections within 3s
expect mock received json contains {"q": true}
connect ${m.url}/refused expect refused
connect ${m.url}/refused expect refused 401
connect ${m.url}/refused expect refused 403 header X-A = b header "X-B" header X-C matches "[a-z]+"
server broadcast as b tls subprotocol s1
connect ${b.url} trust b subprotocol s1
