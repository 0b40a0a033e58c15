# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as alice
# docs/scenario-language.md
expect alice json contains {"type": "welcome"}
capture alice json $.id as aliceId
expect text matches "token=\\w+"
capture regex "token=(\\w+)" as token
