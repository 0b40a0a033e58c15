scenario "x"
  connect ws://127.0.0.1:1/
