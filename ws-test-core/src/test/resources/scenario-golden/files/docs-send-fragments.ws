# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/
# docs/scenario-language.md
send fragments "frag" "ment" "ed"
