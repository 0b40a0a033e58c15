# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/ as bob
# docs/scenario-language.md
expect bob json {"type": "msg", "from": "${aliceId}"}
expect json contains {"user": {"id": "u-42"}} within 1s
expect json $.items[-1].price = 9.5
