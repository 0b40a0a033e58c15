# The training run behind target/ws-test.jsa (or .aot on JDK 25+): `mvn package` runs ws-test on this
# scenario once with the class-archive flag, so that the classes a typical run loads come from the archive
# instead of being parsed and verified from the jar at every start. Not part of any artifact.

server echo

scenario "the common steps"
  connect ${server.url}/echo as client
  send text "hello"
  expect text "hello"
  expect no message within 10ms
  send json {"id": 1, "items": [1, 2]}
  expect json {"id": 1, "items": [1, 2]}
  send json {"id": 2}
  expect json $.id = 2
  send binary hex "ca fe"
  expect binary hex "ca fe"
  send text "fragmented" in 2 frames
  expect text "fragmented"
  ping "hb"
  expect pong "hb"
  close 1000 "done"
  expect closed 1000
