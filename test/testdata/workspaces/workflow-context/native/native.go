package native

// int answer(void) { return 42; }
import "C"

func Hello() { _ = C.answer() }
