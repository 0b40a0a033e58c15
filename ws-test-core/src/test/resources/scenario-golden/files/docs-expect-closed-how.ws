# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as alice
connect ws://127.0.0.1:1/ as bob
# docs/scenario-language.md
close alice 1000 "bye"
expect alice closed cleanly
expect bob closed abnormally within 5s
