var BASE = ws://127.0.0.1:8080
