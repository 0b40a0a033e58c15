var ROOM = lobby
server echo
scenario "one"   # trailing comment
  connect ${server.url}/${ROOM} as alice
  var ROOM = other
  repeat 3 as i
    send alice text "n${i}"
  end
scenario "two"
  connect ${server.url} as bob
  send json {
    "multi": "line"
  }
  expect bob json {"multi": "line"}
scenario "three: a name with \"quotes\" and ${no} variables"
  sleep 1ms
scenario "empty"
