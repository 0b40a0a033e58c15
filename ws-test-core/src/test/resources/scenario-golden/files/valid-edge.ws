# inputs that look wrong but load today
connect ws://127.0.0.1:1/ as a
connect ws://x/
send default text "x"
connect ws://x/ as b
send default text "y"
send binary base64 "AQI"
repeat 2 as i
end
send text "${i}"
capture json $.a as x
var X = {"a": }
scenario "s"
  send text "${x} ${i}"
scenario "t"
  send a text "y"
