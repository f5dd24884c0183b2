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
#endif
