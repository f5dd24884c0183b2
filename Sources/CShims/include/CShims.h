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
#endif
