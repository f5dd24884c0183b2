#ifndef TRADEBOT_CSHIMS_H
#define TRADEBOT_CSHIMS_H
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/// accept4 needs _GNU_SOURCE, which Swift's Glibc module is not built with.
int tb_accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);
/// pipe2 likewise.
int tb_pipe2(int fds[2], int flags);

/// Installs one process-wide handler (sigaction, SA_RESTART) for SIGTERM and SIGINT that writes the
/// signal number as one byte to a self-pipe, and ignores SIGPIPE. Returns the pipe's read end
/// (blocking, close-on-exec), or -1 with errno set. Any thread may take the signal; none is lost,
/// whichever thread the kernel picks and whatever libdispatch does with its own threads' masks.
int tb_install_termination_pipe(void);

/// Names the calling thread for `top -H`, `ps -L`, perf and gdb (`/proc/self/task/*/comm`), cut to
/// the kernel's 15 bytes. Foundation's `Thread.name` does not reach the kernel on Linux, so every
/// thread of ours showed the name of the libdispatch worker that created it. Returns 0 or an errno.
int tb_name_thread(const char *name);

/// Sets the calling thread's EEVDF request size ("slice", Linux 6.12+: `sched_attr.sched_runtime`
/// for SCHED_OTHER) to `nanoseconds`, keeping its policy and nice value. A shorter slice gives the
/// thread an earlier virtual deadline, so it preempts a busy core soon after it wakes, without a
/// larger share of the CPU and without privilege. Older kernels accept and ignore the value.
/// Returns 0, or the errno of sched_getattr/sched_setattr.
int tb_set_fair_slice(uint64_t nanoseconds);
/// The calling thread's current slice in nanoseconds (0 when the kernel does not report one), or
/// -errno.
int64_t tb_fair_slice(void);
#endif
