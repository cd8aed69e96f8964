/** What the system said, in Spanish: Node's messages ("ENOENT: no such file or directory…") are English. */
const WORDS: Record<string, string> = {
  ENOENT: 'no existe',
  EISDIR: 'es una carpeta, no un archivo',
  ENOTDIR: 'una parte de la ruta no es una carpeta',
  EACCES: 'sin permiso',
  EPERM: 'operación no permitida',
  EROFS: 'el disco es de sólo lectura',
  ENOSPC: 'no queda espacio en el disco',
  EDQUOT: 'se agotó la cuota de disco',
  EMFILE: 'demasiados archivos abiertos',
  ENFILE: 'demasiados archivos abiertos en el sistema',
  ENAMETOOLONG: 'el nombre es demasiado largo',
  ELOOP: 'demasiados enlaces simbólicos encadenados',
  EEXIST: 'ya existe un archivo con ese nombre',
  EBUSY: 'está en uso',
  ENOTEMPTY: 'la carpeta no está vacía',
  EIO: 'error de lectura o escritura del disco',
  EXDEV: 'no se puede mover entre discos distintos',
  EAGAIN: 'el recurso no está disponible por ahora',
  ETIMEDOUT: 'se agotó el tiempo de espera',
  ECONNREFUSED: 'conexión rechazada',
  ECONNRESET: 'la conexión se cortó',
  EADDRINUSE: 'la dirección o el puerto ya está en uso',
  EADDRNOTAVAIL: 'la dirección no existe en esta máquina',
  ENOTFOUND: 'el nombre del servidor no existe',
  EPIPE: 'el otro extremo cerró la conexión',
  ENXIO: 'es un socket o un dispositivo que no se puede abrir',
};

/** `err` of a failed system call -> «no existe», «sin permiso», …; an unknown code is shown as it is. */
export function osErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && WORDS[code]) return WORDS[code];
  return code ? `error del sistema ${code}` : 'error del sistema';
}
