export async function extractCommand(pdf: string, opts: { out?: string }): Promise<number> {
  void pdf;
  void opts;
  console.error('extract: todavía no disponible');
  return 2;
}
