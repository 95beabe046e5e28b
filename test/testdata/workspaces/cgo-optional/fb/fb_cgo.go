package fb

// static int answer(void) { return 42; }
import "C"

func fast() int { return int(C.answer()) }
