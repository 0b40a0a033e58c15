# A mock price feed and what a client must do with it: authenticate, subscribe, close cleanly.
# (The mock comes from ws-test-mock, a test dependency of this module; `ws-test mock` serves it by hand.)
setup
  server mock as feed
    require header Authorization = "Bearer ${TOKEN:-t0ken}" else 401 header "WWW-Authenticate: Bearer"
    on connect send json {"type": "welcome"}
    on json contains {"op": "subscribe"} send json {"type": "price", "symbol": "${$.symbol}", "price": 101.5}
    unmatched fail
  end

scenario "a client without a token is refused"
  connect ${feed.url}/prices expect refused 401 header WWW-Authenticate = Bearer

scenario "a subscriber gets prices"
  connect ${feed.url}/prices as app header "Authorization: Bearer ${TOKEN:-t0ken}"
  expect app json {"type": "welcome"}
  send app json {"op": "subscribe", "symbol": "ACME"}
  expect app json {"type": "price", "symbol": "ACME", "price": 101.5}
  expect feed received json {"op": "subscribe", "symbol": "ACME"}
  close app 1000
  expect feed received close 1000
