package fb

// Answer works with or without cgo.
func Answer() int { return 42 }
