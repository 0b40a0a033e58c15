	# tabs, comments, escapes, multi-line JSON, literal dollars
connect ws://127.0.0.1:1/ as a   # trailing comment
send text "quote \" backslash \\ newline \n tab \t cr \r unicode \u00e9 dollar \${not} $${neither} # not a comment"
send text "caf\u00E9 ünïcödé"
send json {
    "multi": "line",
    "nested": {"a": [1,
        2]}
  }
expect json {
  "multi": "line", "hash": "#", "brace": "}"
}   # comment after JSON
expect json contains [
  1, 2
]
send text "${A:-default with spaces}" # default
send text "${ B :-x}"
send json {"x": "${A:-{}}"}
expect text "${A:-}"
	expect	text	"tabbed"
send binary hex "  0a  ff  "
send text ""
expect text ""
