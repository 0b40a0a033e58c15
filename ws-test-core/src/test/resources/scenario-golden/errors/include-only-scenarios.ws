include "_only-scenarios.ws"
