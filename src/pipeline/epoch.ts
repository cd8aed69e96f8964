/** SOURCE_DATE_EPOCH as a PDF can carry it: whole seconds from 1970 to the end of year 9999. */
export function validEpoch(epoch: string): boolean {
  return /^\d{1,12}$/.test(epoch) && Number(epoch) <= 253402300799;
}
