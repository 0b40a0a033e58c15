# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as alice
# docs/scenario-language.md
send alice text "hello"
send text "a long message" in 3 frames
