/*
 * powercut.c — an LD_PRELOAD shim that journals what a process does to the files of one folder, so that a test can
 * replay the journal and ask, for every moment at which the power could have been cut, what the folder would hold
 * after the reboot (PowerCutJournal.cs does the replay).
 *
 * A program can bind libc's functions itself (.NET's [DllImport("libc")] does dlopen and dlsym on libc's handle, which
 * LD_PRELOAD alone does not reach): dlsym is interposed too, and answers with this shim's version of every function
 * it models, whatever the handle.
 *
 * Environment: GRUN_POWERCUT_DIR, the folder watched (an absolute path, no trailing slash; only its direct children
 * count); GRUN_POWERCUT_JOURNAL, the journal file written. Both, and LD_PRELOAD, are removed from the environment at
 * start, so a child process runs unwatched.
 *
 * Journal: one record per completed call, in completion order (calls that touch the folder or standard output and
 * error are serialised by one lock, held across the real call, so the order is the order the file system saw).
 * A record is one text line, and for W the written bytes follow the line:
 *   N name ino created truncated   a child opened for writing (created: it did not exist before)
 *   W ino offset length\n<bytes>   data written to a child
 *   T ino length                   a child truncated
 *   S ino                          fsync or fdatasync of a child
 *   D                              fsync of the folder itself
 *   R old new tid                  rename within the folder, by thread tid
 *   L old new tid                  hard link within the folder
 *   U name                         unlink
 *   O fd tid                       a write to standard output or error by thread tid (the program showed progress)
 *   X what                         a call this shim does not model touched the folder: the replay refuses the journal
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FD 65536
enum { NONE = 0, CHILD = 1, FOLDER = 2 };

static char watch[PATH_MAX];
static size_t watch_length;
static int journal = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char kind[MAX_FD];
static unsigned long long inode[MAX_FD];
static unsigned char appending[MAX_FD];
/* Standard output and error as found at start: a write to any descriptor of theirs (.NET's Console writes to a dup
 * of 1) is output. */
static struct stat standard[2];
static int standard_known[2];

#define REAL(name) static __typeof__(&name) real_##name; if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

static ssize_t journal_write(const void *data, size_t length)
{
    REAL(write);
    const char *p = data;
    while (length > 0) {
        ssize_t n = real_write(journal, p, length);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            abort(); /* a journal with a hole would make the replay lie */
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static void record(const char *format, ...)
{
    char line[3 * PATH_MAX];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line, format, args);
    va_end(args);
    if (n < 0 || (size_t)n >= sizeof line)
        abort();
    journal_write(line, (size_t)n);
}

__attribute__((constructor)) static void start(void)
{
    const char *dir = getenv("GRUN_POWERCUT_DIR"), *path = getenv("GRUN_POWERCUT_JOURNAL");
    if (dir && path && strlen(dir) < sizeof watch) {
        strcpy(watch, dir);
        watch_length = strlen(watch);
        REAL(open);
        journal = real_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
        if (journal < 0)
            abort();
    }
    for (int i = 0; i < 2; i++)
        standard_known[i] = fstat(i + 1, &standard[i]) == 0;
    unsetenv("GRUN_POWERCUT_DIR");
    unsetenv("GRUN_POWERCUT_JOURNAL");
    unsetenv("LD_PRELOAD");
}

/* The child's name when path names a direct child of the folder, "" when it names the folder, NULL otherwise. */
static const char *child(const char *path, char *buffer)
{
    if (journal < 0 || !path)
        return NULL;
    if (path[0] != '/') {
        if (!getcwd(buffer, PATH_MAX) || strlen(buffer) + strlen(path) + 2 > PATH_MAX)
            return NULL;
        strcat(buffer, "/");
        strcat(buffer, path);
        path = buffer;
    }
    if (strncmp(path, watch, watch_length) != 0)
        return NULL;
    if (path[watch_length] == '\0' || (path[watch_length] == '/' && path[watch_length + 1] == '\0'))
        return "";
    if (path[watch_length] != '/' || strchr(path + watch_length + 1, '/'))
        return NULL;
    return path + watch_length + 1;
}

static int watched(int fd) { return journal >= 0 && fd >= 0 && fd < MAX_FD && kind[fd] != NONE; }

static int output(int fd)
{
    if (journal < 0 || fd < 0)
        return 0;
    if (fd == 1 || fd == 2)
        return 1;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return 0;
    for (int i = 0; i < 2; i++) {
        if (standard_known[i] && st.st_dev == standard[i].st_dev && st.st_ino == standard[i].st_ino)
            return 1;
    }
    return 0;
}

static int opened(int fd, const char *name, int flags, int existed)
{
    if (fd < 0 || fd >= MAX_FD)
        return fd;
    if (name[0] == '\0') {
        kind[fd] = FOLDER;
        return fd;
    }
    if ((flags & O_ACCMODE) == O_RDONLY && !(flags & O_CREAT))
        return fd;
    struct stat st;
    if (fstat(fd, &st) != 0)
        abort();
    kind[fd] = CHILD;
    inode[fd] = (unsigned long long)st.st_ino;
    appending[fd] = (flags & O_APPEND) != 0;
    record("N %s %llu %d %d\n", name, inode[fd], !existed, (flags & O_TRUNC) != 0);
    return fd;
}

static int open_common(int dirfd, const char *path, int flags, mode_t mode, int at)
{
    REAL(open64);
    REAL(openat64);
    char buffer[PATH_MAX];
    const char *name = (!at || dirfd == AT_FDCWD || path[0] == '/') ? child(path, buffer) : NULL;
    if (!name)
        return at ? real_openat64(dirfd, path, flags, mode) : real_open64(path, flags, mode);
    pthread_mutex_lock(&lock);
    struct stat st;
    int existed = name[0] != '\0' && stat(path, &st) == 0;
    int fd = at ? real_openat64(dirfd, path, flags, mode) : real_open64(path, flags, mode);
    if (fd >= 0)
        opened(fd, name, flags, existed);
    pthread_mutex_unlock(&lock);
    return fd;
}

#define MODE_ARG mode_t mode = 0; if (flags & (O_CREAT | O_TMPFILE)) { va_list a; va_start(a, flags); mode = va_arg(a, mode_t); va_end(a); }
int open(const char *path, int flags, ...) { MODE_ARG return open_common(AT_FDCWD, path, flags, mode, 0); }
int open64(const char *path, int flags, ...) { MODE_ARG return open_common(AT_FDCWD, path, flags, mode, 0); }
int openat(int dirfd, const char *path, int flags, ...) { MODE_ARG return open_common(dirfd, path, flags, mode, 1); }
int openat64(int dirfd, const char *path, int flags, ...) { MODE_ARG return open_common(dirfd, path, flags, mode, 1); }
int creat(const char *path, mode_t mode) { return open_common(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 0); }
int creat64(const char *path, mode_t mode) { return open_common(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 0); }

static ssize_t write_common(int fd, const void *data, size_t length, off_t offset, int positioned)
{
    REAL(write);
    REAL(pwrite64);
    if (!watched(fd) && !output(fd))
        return positioned ? real_pwrite64(fd, data, length, offset) : real_write(fd, data, length);
    pthread_mutex_lock(&lock);
    ssize_t n;
    if (output(fd) && !watched(fd)) {
        n = real_write(fd, data, length);
        if (n > 0)
            record("O %d %ld\n", fd, (long)gettid());
    } else {
        if (!positioned) {
            if (appending[fd])
                record("X append\n");
            offset = lseek(fd, 0, SEEK_CUR);
        }
        n = positioned ? real_pwrite64(fd, data, length, offset) : real_write(fd, data, length);
        if (n > 0 && kind[fd] == CHILD) {
            record("W %llu %lld %lld\n", inode[fd], (long long)offset, (long long)n);
            journal_write(data, (size_t)n);
        }
    }
    pthread_mutex_unlock(&lock);
    return n;
}

ssize_t write(int fd, const void *data, size_t length) { return write_common(fd, data, length, 0, 0); }
ssize_t pwrite(int fd, const void *data, size_t length, off_t offset) { return write_common(fd, data, length, offset, 1); }
ssize_t pwrite64(int fd, const void *data, size_t length, off_t offset) { return write_common(fd, data, length, offset, 1); }

#define UNMODELLED(ret, name, params, args, what) \
    ret name params { REAL(name); if (watched(fd)) { pthread_mutex_lock(&lock); record("X " what "\n"); pthread_mutex_unlock(&lock); } return real_##name args; }
UNMODELLED(ssize_t, writev, (int fd, const struct iovec *v, int n), (fd, v, n), "writev")
UNMODELLED(ssize_t, pwritev, (int fd, const struct iovec *v, int n, off_t o), (fd, v, n, o), "pwritev")
UNMODELLED(ssize_t, pwritev64, (int fd, const struct iovec *v, int n, off_t o), (fd, v, n, o), "pwritev")
UNMODELLED(int, fallocate, (int fd, int m, off_t o, off_t l), (fd, m, o, l), "fallocate")
UNMODELLED(int, posix_fallocate, (int fd, off_t o, off_t l), (fd, o, l), "posix_fallocate")
UNMODELLED(int, posix_fallocate64, (int fd, off_t o, off_t l), (fd, o, l), "posix_fallocate")

static int truncate_common(int fd, off_t length)
{
    REAL(ftruncate64);
    if (!watched(fd))
        return real_ftruncate64(fd, length);
    pthread_mutex_lock(&lock);
    int r = real_ftruncate64(fd, length);
    if (r == 0 && kind[fd] == CHILD)
        record("T %llu %lld\n", inode[fd], (long long)length);
    pthread_mutex_unlock(&lock);
    return r;
}

int ftruncate(int fd, off_t length) { return truncate_common(fd, length); }
int ftruncate64(int fd, off_t length) { return truncate_common(fd, length); }

static int sync_common(int fd, int data_only)
{
    REAL(fsync);
    REAL(fdatasync);
    if (!watched(fd))
        return data_only ? real_fdatasync(fd) : real_fsync(fd);
    pthread_mutex_lock(&lock);
    int r = data_only ? real_fdatasync(fd) : real_fsync(fd);
    if (r == 0) {
        if (kind[fd] == FOLDER)
            record("D\n");
        else
            record("S %llu\n", inode[fd]);
    }
    pthread_mutex_unlock(&lock);
    return r;
}

int fsync(int fd) { return sync_common(fd, 0); }
int fdatasync(int fd) { return sync_common(fd, 1); }

int close(int fd)
{
    REAL(close);
    if (!watched(fd))
        return real_close(fd);
    pthread_mutex_lock(&lock);
    kind[fd] = NONE;
    int r = real_close(fd);
    pthread_mutex_unlock(&lock);
    return r;
}

static int two_names(const char *old, const char *new, char tag, int (*call)(const char *, const char *))
{
    char b1[PATH_MAX], b2[PATH_MAX];
    const char *a = child(old, b1), *b = child(new, b2);
    if (!a && !b)
        return call(old, new);
    pthread_mutex_lock(&lock);
    int r = call(old, new);
    if (r == 0) {
        if (a && b && a[0] && b[0])
            record("%c %s %s %ld\n", tag, a, b, (long)gettid());
        else
            record("X %c across the folder's boundary\n", tag);
    }
    pthread_mutex_unlock(&lock);
    return r;
}

static int real_rename_call(const char *a, const char *b) { REAL(rename); return real_rename(a, b); }
static int real_link_call(const char *a, const char *b) { REAL(link); return real_link(a, b); }

int rename(const char *old, const char *new) { return two_names(old, new, 'R', real_rename_call); }
int link(const char *old, const char *new) { return two_names(old, new, 'L', real_link_call); }

int renameat(int d1, const char *old, int d2, const char *new)
{
    REAL(renameat);
    char b1[PATH_MAX], b2[PATH_MAX];
    if ((d1 == AT_FDCWD || old[0] == '/') && (d2 == AT_FDCWD || new[0] == '/'))
        return rename(old, new);
    if (child(old, b1) || child(new, b2))
        abort();
    return real_renameat(d1, old, d2, new);
}

int renameat2(int d1, const char *old, int d2, const char *new, unsigned flags)
{
    REAL(renameat2);
    char b1[PATH_MAX], b2[PATH_MAX];
    if (journal >= 0 && (child(old, b1) || child(new, b2))) {
        pthread_mutex_lock(&lock);
        record("X renameat2\n");
        pthread_mutex_unlock(&lock);
    }
    return real_renameat2(d1, old, d2, new, flags);
}

int unlink(const char *path)
{
    REAL(unlink);
    char buffer[PATH_MAX];
    const char *name = child(path, buffer);
    if (!name)
        return real_unlink(path);
    pthread_mutex_lock(&lock);
    int r = real_unlink(path);
    if (r == 0)
        record("U %s\n", name);
    pthread_mutex_unlock(&lock);
    return r;
}

int unlinkat(int dirfd, const char *path, int flags)
{
    REAL(unlinkat);
    if ((dirfd == AT_FDCWD || path[0] == '/') && !(flags & AT_REMOVEDIR))
        return unlink(path);
    char buffer[PATH_MAX];
    if (path[0] == '/' && child(path, buffer)) {
        pthread_mutex_lock(&lock);
        record("X unlinkat\n");
        pthread_mutex_unlock(&lock);
    }
    return real_unlinkat(dirfd, path, flags);
}

/* dlsym on a library's handle looks only in that library, past LD_PRELOAD: hand out this shim's functions instead. */
void *dlsym(void *handle, const char *name)
{
    static void *(*real_dlsym)(void *, const char *);
    if (!real_dlsym) {
        real_dlsym = (void *(*)(void *, const char *))dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.34");
        if (!real_dlsym)
            real_dlsym = (void *(*)(void *, const char *))dlvsym(RTLD_NEXT, "dlsym", "GLIBC_2.2.5");
    }
    if (handle != RTLD_NEXT && handle != RTLD_DEFAULT && journal >= 0) {
        static const struct { const char *name; void *function; } own[] = {
            { "open", (void *)open }, { "open64", (void *)open64 }, { "openat", (void *)openat }, { "openat64", (void *)openat64 },
            { "creat", (void *)creat }, { "creat64", (void *)creat64 }, { "write", (void *)write }, { "pwrite", (void *)pwrite },
            { "pwrite64", (void *)pwrite64 }, { "writev", (void *)writev }, { "pwritev", (void *)pwritev },
            { "pwritev64", (void *)pwritev64 }, { "fallocate", (void *)fallocate }, { "posix_fallocate", (void *)posix_fallocate },
            { "posix_fallocate64", (void *)posix_fallocate64 }, { "ftruncate", (void *)ftruncate },
            { "ftruncate64", (void *)ftruncate64 }, { "fsync", (void *)fsync }, { "fdatasync", (void *)fdatasync },
            { "close", (void *)close }, { "rename", (void *)rename }, { "link", (void *)link }, { "renameat", (void *)renameat },
            { "renameat2", (void *)renameat2 }, { "unlink", (void *)unlink }, { "unlinkat", (void *)unlinkat },
        };
        for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
            if (strcmp(name, own[i].name) == 0)
                return own[i].function;
        }
    }
    return real_dlsym(handle, name);
}
