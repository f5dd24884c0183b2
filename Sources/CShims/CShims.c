#define _GNU_SOURCE
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <pthread.h>
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

int tb_name_thread(const char *name) {
    char cut[16];
    strncpy(cut, name, sizeof cut - 1);
    cut[sizeof cut - 1] = 0;
    return pthread_setname_np(pthread_self(), cut);
}

/* struct sched_attr (include/uapi/linux/sched/types.h, SCHED_ATTR_SIZE_VER1); glibc before 2.41
   declares neither the struct nor a wrapper. */
struct tb_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
    uint32_t sched_util_min;
    uint32_t sched_util_max;
};

static int tb_get_attr(struct tb_sched_attr *attr) {
    memset(attr, 0, sizeof *attr);
    if (syscall(SYS_sched_getattr, 0, attr, (unsigned)sizeof *attr, 0) != 0) return errno;
    return 0;
}

int tb_set_fair_slice(uint64_t nanoseconds) {
    struct tb_sched_attr attr;
    int rc = tb_get_attr(&attr);
    if (rc != 0) return rc;
    attr.size = sizeof attr;
    attr.sched_flags = 0;
    attr.sched_runtime = nanoseconds;
    attr.sched_deadline = 0;
    attr.sched_period = 0;
    if (syscall(SYS_sched_setattr, 0, &attr, 0) != 0) return errno;
    return 0;
}

int64_t tb_fair_slice(void) {
    struct tb_sched_attr attr;
    int rc = tb_get_attr(&attr);
    if (rc != 0) return -(int64_t)rc;
    return (int64_t)attr.sched_runtime;
}
