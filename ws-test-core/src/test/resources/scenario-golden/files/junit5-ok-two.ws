server echo

scenario "passes"
  connect ${server.url} as c
  send text "${WORD:-hi}"
  expect text "${WORD:-hi}"

scenario "fails at line 10"
  connect ${server.url} as c
  expect text "never" within 100ms
