var NOT = a scenario of its own
