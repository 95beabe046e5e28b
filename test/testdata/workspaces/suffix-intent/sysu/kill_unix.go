package sysu

import "golang.org/x/sys/unix"

func Stop(pid int) error { return unix.Kill(pid, unix.SIGTERM) }
