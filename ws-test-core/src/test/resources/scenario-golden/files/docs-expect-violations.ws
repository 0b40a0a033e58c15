# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as legacy lenient
# docs/scenario-language.md
expect legacy no violations
