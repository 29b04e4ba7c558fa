/** An error of the file system, as a person reads it: "no such file: plan.json", not ENOENT. */
export function fsError(error: NodeJS.ErrnoException, path: string): string {
  switch (error.code) {
    case 'ENOENT':
      return `no such file: ${path}`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'ENOTDIR':
      return `${path}: a part of this path is a file, not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${path}`;
    case 'EEXIST':
      return `${path} exists and is not a directory`;
    case 'ENOSPC':
      return `no space left on the device for ${path}`;
    case 'EROFS':
      return `${path} is on a read-only file system`;
    default:
      return `${path}: ${error.message}`;
  }
}
