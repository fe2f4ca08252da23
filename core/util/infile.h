/* core/util/infile.h — opening a file smbopt reads (an import, a playbook, a
 * candidates list): regular files only. A FIFO would block or be read once
 * for the SHA-256 and again (empty) for the rows; /dev/zero never ends; a
 * directory is no file. */
#ifndef SMB_INFILE_H
#define SMB_INFILE_H

#include <stdio.h>

/* The file opened for reading ("rb"), or NULL with `why` saying why
 * ("PATH: No such file or directory", "PATH is not a regular file (a FIFO)").
 * The open never blocks on a FIFO, and what is checked (fstat of the open
 * file) is what is read. */
FILE *smb_infile_open(const char *path, char *why, size_t whylen);

#endif
