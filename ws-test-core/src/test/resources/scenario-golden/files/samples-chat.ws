# Two users in a chat room: whatever one says, everybody hears.
# The scenario starts an embedded broadcast server, so it needs no external server.

setup
  server broadcast as room subprotocol chat.v2

scenario "alice and bob talk"
  connect ${room.url}/chat as alice subprotocol chat.v2 header "Authorization: Bearer ${TOKEN:-dev-token}"
  expect alice subprotocol chat.v2
  expect alice handshake header Sec-WebSocket-Protocol = chat.v2
  connect ${room.url}/chat as bob subprotocol chat.v2

  send alice json {"type": "say", "from": "alice", "text": "hi bob"}
  expect bob json contains {"type": "say", "text": "hi bob"} within 2s
  capture bob json $.from as speaker
  send bob json {"type": "say", "from": "bob", "text": "hi ${speaker}"}
  expect alice json $.text = "hi alice"
  expect bob json $.text = "hi alice"

  close alice 1000 "bye"
  expect alice closed 1000
  expect bob nothing within 300ms
