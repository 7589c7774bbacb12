/* pure.h - checks never do I/O: they read the facts and write a result.
 * Included last by every file in checks/, it makes any call that reads a
 * file, opens a socket, starts a process, reads the environment or prints
 * a compile error.  Gather what a check needs in src/ instead. */
#ifndef DOCKAUDIT_CHECKS_PURE_H
#define DOCKAUDIT_CHECKS_PURE_H

#pragma GCC poison fopen freopen fdopen open openat creat read write pread pwrite
#pragma GCC poison opendir readdir stat lstat fstat fstatat access readlink realpath
#pragma GCC poison popen system fork vfork execv execve execvp execl execlp
#pragma GCC poison socket connect getenv secure_getenv
#pragma GCC poison printf fprintf puts fputs fwrite perror

#endif
