var BASE = ws://127.0.0.1:8080
var API_KEY = dev-key-1234   # a default for local runs; never shown in a report
