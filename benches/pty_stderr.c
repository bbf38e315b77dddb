/* What giving a wrapped tool a pseudo-terminal for stderr would cost, against the pipe that
 * aws-shim gives it: the added time to start a command, and the throughput of its stderr
 * (bulk, and a progress bar's many small writes), read the way the wrapper reads it.
 *
 *   cc -O2 -o /tmp/pty_stderr benches/pty_stderr.c && /tmp/pty_stderr 1000
 *
 * The pty is set up as a wrapper would have to: opened, raw (no \n to \r\n), given a size. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* The child's stderr: a pipe, or a pty's slave end (the master for the parent). */
static void channel(int pty, int *rd, int *wr) {
    if (!pty) {
        int p[2];
        if (pipe2(p, O_CLOEXEC)) abort();
        *rd = p[0];
        *wr = p[1];
        return;
    }
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[128];
    if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, sizeof name)) abort();
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) abort();
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    tcsetattr(s, TCSANOW, &t);
    struct winsize ws = {24, 80, 0, 0};
    ioctl(s, TIOCSWINSZ, &ws);
    *rd = m;
    *wr = s;
}

/* Run argv with stderr on the channel, read it all (to EOF, or EIO for a pty), reap. */
static double run(int pty, char *const argv[]) {
    static char buf[256 * 1024];
    double t0 = now();
    int rd, wr;
    channel(pty, &rd, &wr);
    pid_t c = fork();
    if (c == 0) {
        dup2(wr, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    close(wr);
    for (;;) {
        ssize_t n = read(rd, buf, sizeof buf);
        if (n > 0 || (n < 0 && errno == EINTR)) continue;
        break;
    }
    int st;
    waitpid(c, &st, 0);
    close(rd);
    return now() - t0;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    char *tru[] = {"/bin/true", NULL};
    char *bulk[] = {"/bin/sh", "-c", "head -c 268435456 /dev/zero >&2", NULL};
    char *bar[] = {"/usr/bin/python3", "-c",
                   "import os\nfor i in range(20000): os.write(2, b'\\r[%-60s] %3d%%' % (b'#' * (i % 60), i % 100))",
                   NULL};
    double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) {
        a[i] = run(0, tru);
        b[i] = run(1, tru);
    }
    qsort(a, n, sizeof(double), cmp);
    qsort(b, n, sizeof(double), cmp);
    printf("start /bin/true, median of %d side by side: pipe %.3f ms, pty %.3f ms\n", n,
           a[n / 2] * 1e3, b[n / 2] * 1e3);
    for (int r = 0; r < 3; r++) {
        double p = run(0, bulk), q = run(1, bulk);
        printf("256 MiB of stderr: pipe %.2f s (%.0f MiB/s), pty %.2f s (%.0f MiB/s)\n", p,
               256 / p, q, 256 / q);
    }
    for (int r = 0; r < 3; r++)
        printf("20000 progress-bar writes: pipe %.3f s, pty %.3f s\n", run(0, bar), run(1, bar));
    return 0;
}
