package main

// static int three(void) { return 3; }
import "C"

//export Three
func Three() int { return int(C.three()) }

func main() {}
