# The scenario-language.md examples of server mock, expect received, connect expect refused and TLS
server echo as secure tls
connect ${secure.url}/chat trust secure
server mock as feed
  require header Authorization = "Bearer ${TOKEN:-t0ken}"
  on connect send json {"type": "welcome"}
  on json contains {"op": "subscribe"} send json {"type": "subscribed", "id": "${$.id}"}
  unmatched fail
end
connect ${feed.url}/prices as client header "Authorization: Bearer ${TOKEN:-t0ken}"
expect client json {"type": "welcome"}
send client json {"op": "subscribe", "id": "s-1"}
expect client json {"type": "subscribed", "id": "s-1"}
expect feed received json contains {"op": "subscribe"}
server mock as api
  require header X-Api-Key else 403 header "X-Reason: no key" body "an API key is required"
  refuse first 1 503 header "Retry-After: 1"
  subprotocols v2 v1
  response header "X-Server: mock-1"
end
server mock as quotes
  on connect send text "hello ${query.user:-guest}"
  on text "ping" send text "pong"
  on text contains "weather" send text "sunny"
  on text matches "hello (\\w+)" send text "hi ${group.1}"
  on json {"op": "time"} send json {"now": 0}
  on json $.op = "echo" send text "${message}"
  on binary hex "01 02" send binary hex "03 04"
  on any message send text "fallback"
  after 3 messages close 4000 "three is enough"
end
server mock as ticks
  on text "subscribe" send text "ok" then every 100ms send json {"tick": ${n}} times 3 then pause 200ms then close 1000 "done"
  on text "big" send text "a long message" in 3 fragments
  on text "hb" send ping "hb"
  on text "crash" drop
  on text "broken" fault invalid-utf8
end
server mock as slow
  unmatched echo
  ping every 200ms
  withhold pongs
  never answer close
  reply delay 300ms
end
server mock as recorded
  replay "recordings/prices.ws"
  unmatched fail
end
server mock as feed2
  on text "subscribe" send text "ok"
end
connect ${feed2.url}/prices?symbol=ACME header "X-Client: app-1"
send text "subscribe"
expect text "ok"
expect feed2 received text "subscribe" within 1s
expect feed2 received connection 1 handshake header X-Client = app-1
expect feed2 received 1 connections
close 1000
expect feed2 received close 1000
server mock as gate
  require header Authorization else 401 header "WWW-Authenticate: Bearer realm=\"feed\""
end
connect ${gate.url}/feed expect refused 401 header WWW-Authenticate matches "Bearer.*"
connect ${gate.url}/feed as ok header "Authorization: Bearer t0ken"
server mock as vault tls client certificate
end
connect ${vault.url}/ trust vault client certificate
