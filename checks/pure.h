/* pure.h - checks never do I/O: they read the facts and write a result.
 * Included last by every file in checks/, it makes any call that reads a
 * file, opens a socket, starts a process, reads the environment or prints
 * a compile error.  Gather what a check needs in src/ instead.
 *
 * Checks read only the typed models (model.h, host_model.h, image_model.h,
 * daemon_model.h), so the JSON and facts accessors are compile errors here
 * too: nothing can dig into the bundle behind the decoders' back.  The
 * decoders live in src/facts/; no file of checks/ may opt out. */
#ifndef DOCKAUDIT_CHECKS_PURE_H
#define DOCKAUDIT_CHECKS_PURE_H

#pragma GCC poison fopen freopen fdopen open openat creat read write pread pwrite
#pragma GCC poison opendir readdir stat lstat fstat fstatat access readlink realpath
#pragma GCC poison popen system fork vfork execv execve execvp execl execlp
#pragma GCC poison socket connect getenv secure_getenv
#pragma GCC poison printf fprintf puts fputs fwrite perror

/* jansson's macros are dropped first: poisoning a live macro warns. */
#undef json_object_foreach
#undef json_array_foreach
#undef json_is_object
#undef json_is_array
#undef json_is_string
#undef json_is_integer
#undef json_is_boolean
#undef json_is_true
#undef json_is_false
#undef json_is_null
#undef json_typeof
#pragma GCC poison facts_get facts_file facts_load facts_load_buffer source_status
#pragma GCC poison json_dig json_dig_string json_dig_bool json_dig_int
#pragma GCC poison json_object_get json_object_iter json_object_size json_object_foreach
#pragma GCC poison json_array_get json_array_size json_array_foreach
#pragma GCC poison json_string_value json_integer_value json_real_value json_number_value
#pragma GCC poison json_is_object json_is_array json_is_string json_is_integer json_is_boolean
#pragma GCC poison json_is_true json_is_false json_is_null json_typeof
#pragma GCC poison json_loads json_loadb json_load_file json_loadf

#endif
