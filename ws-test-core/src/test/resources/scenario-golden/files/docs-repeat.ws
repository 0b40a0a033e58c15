# prelude, not part of the example: the connections it names
connect ws://127.0.0.1:1/
# docs/scenario-language.md
repeat 3 as i
  send json {"seq": ${i}}
  expect next json $.seq = ${i}
end
