# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as alice
# docs/scenario-language.md
expect alice text "hello" within 2s
expect text contains "welcome"
expect next text matches "id=\\d+"
