package needed

// static int two(void) { return 2; }
import "C"

func Two() int { return int(C.two()) }
