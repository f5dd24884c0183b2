#define _GNU_SOURCE
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "CShims.h"

int tb_accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags) {
    return accept4(fd, addr, addrlen, flags);
}

int tb_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

static int termination_pipe_write = -1;

static void termination_handler(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (termination_pipe_write >= 0) {
        ssize_t n;
        do { n = write(termination_pipe_write, &byte, 1); } while (n < 0 && errno == EINTR);
    }
    errno = saved;
}

int tb_install_termination_pipe(void) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    /* The write end never blocks the handler: a full pipe already holds a pending signal. */
    int flags = fcntl(fds[1], F_GETFL);
    if (flags < 0 || fcntl(fds[1], F_SETFL, flags | O_NONBLOCK) != 0) { close(fds[0]); close(fds[1]); return -1; }
    termination_pipe_write = fds[1];

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = termination_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0) return -1;

    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGPIPE, &ignore, NULL) != 0) return -1;

    /* Unblock both in this thread in case the process started with them blocked. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return fds[0];
}
