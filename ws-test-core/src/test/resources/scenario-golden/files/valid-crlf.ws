connect ws://127.0.0.1:1/
send text "crlf"
send json {
  "a": 1
}
expect text "x"expect text "cr only"
