# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as bob
# docs/scenario-language.md
expect bob nothing within 500ms
