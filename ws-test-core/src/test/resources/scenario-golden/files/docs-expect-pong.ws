# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/
# docs/scenario-language.md
ping "hb"
expect pong "hb" within 1s
