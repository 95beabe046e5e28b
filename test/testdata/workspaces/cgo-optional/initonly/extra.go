package initonly

// #include <stdlib.h>
import "C"

func init() { _ = C.size_t(0) }
