/** Whether the person running the command passed node (on its command line or in NODE_OPTIONS) a flag matching `flag`: ficha then keeps theirs. */
export function userChoseNodeFlag(flag: RegExp): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => flag.test(a));
}
