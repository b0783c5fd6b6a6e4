/** What a failed write means to a person: "the disk is full", not "ENOSPC: no space left on device, write". */
export function describeFileSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the directory does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'it is a symbolic link';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
