# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/
# docs/scenario-language.md
send binary hex "ca fe ba be"
send binary base64 "AQID"
send binary file "payloads/image.png"
send binary hex "01 02" hex "03"
