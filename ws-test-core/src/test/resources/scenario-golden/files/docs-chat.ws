# chat.ws: whatever one user says, everybody hears
setup
  server broadcast as room subprotocol chat.v2

scenario "alice and bob talk"
  connect ${room.url}/chat as alice subprotocol chat.v2 header "Authorization: Bearer ${TOKEN:-dev-token}"
  expect alice handshake header Sec-WebSocket-Protocol = chat.v2
  connect ${room.url}/chat as bob
  send alice json {"type": "say", "from": "alice", "text": "hi bob"}
  expect bob json contains {"type": "say", "text": "hi bob"} within 2s
  capture bob json $.from as speaker
  send bob json {"type": "say", "text": "hi ${speaker}"}
  expect alice json $.text = "hi alice"
  close alice 1000 "bye"
  expect alice closed 1000
