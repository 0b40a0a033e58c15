var OK = 1
connect ws://127.0.0.1:1/
  expect txt "x"
